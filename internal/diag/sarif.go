package diag

import (
	"io"
	"net/url"
	"unicode/utf8"
)

// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the
// subset ladder writes: one run, its tool with every rule of Rules, and one
// result per diagnostic with its physical location and the notes as
// related locations. GitHub code scanning and most CI dashboards read it.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId,omitempty"`
		RuleIndex        *int            `json:"ruleIndex,omitempty"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations,omitempty"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	}
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		Message          *sarifMessage          `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// sarifSchema is the schema URI a SARIF 2.1.0 log names.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// WriteSARIF prints l as a SARIF 2.1.0 log of one run of tool. Paths are
// relative to the site's root (uriBaseId "%SRCROOT%"). Columns count
// characters (Unicode code points), not bytes as the text printer does,
// when src knows the file; endColumn is exclusive.
func WriteSARIF(w io.Writer, l List, src Sources, tool Tool) error {
	rules := Rules()
	index := map[string]int{}
	driver := sarifDriver{Name: cmpOr(tool.Name, "ladder"), Version: tool.Version, InformationURI: tool.URI}
	for i, r := range rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{ID: r.ID, ShortDescription: sarifMessage{Text: r.Summary}})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, d := range l {
		res := sarifResult{RuleID: d.Rule, Level: "error", Message: sarifMessage{Text: d.Msg}}
		if d.Hint != "" {
			res.Message.Text += "\nhint: " + d.Hint
		}
		if i, ok := index[d.Rule]; ok {
			res.RuleIndex = &i
		}
		if d.Severity == Warning {
			res.Level = "warning"
		}
		if loc, ok := sarifLocationOf(d.Pos, src); ok {
			res.Locations = []sarifLocation{{PhysicalLocation: loc}}
		}
		for i, n := range d.Notes {
			if loc, ok := sarifLocationOf(n.Pos, src); ok {
				id := i + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: loc, Message: &sarifMessage{Text: n.Msg}})
			}
		}
		run.Results = append(run.Results, res)
	}
	return writeIndented(w, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifLocationOf returns the SARIF location of p, and false for the zero
// Pos.
func sarifLocationOf(p Pos, src Sources) (*sarifPhysicalLocation, bool) {
	if p.File == "" {
		return nil, false
	}
	loc := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: (&url.URL{Path: p.File}).String(), URIBaseID: "%SRCROOT%"}}
	if p.Line > 0 {
		start, end := p.Col, p.Col+p.Len
		if src != nil {
			if raw, ok := src(p.File).lineBytes(p.Line); ok {
				start, end = runeCol(raw, start), runeCol(raw, end)
			}
		}
		loc.Region = &sarifRegion{StartLine: p.Line, StartColumn: max(1, start)}
		if end > start {
			loc.Region.EndColumn = end
		}
	}
	return loc, true
}

// runeCol turns the 1-based byte column col of line into a 1-based column
// in characters.
func runeCol(line []byte, col int) int {
	n := max(0, min(col-1, len(line)))
	return utf8.RuneCount(line[:n]) + 1 + max(0, col-1-len(line))
}
