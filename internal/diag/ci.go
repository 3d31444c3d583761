package diag

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Formats lists the output formats of Write, for usage messages: the
// clang-style text a person reads, the JSON of WriteJSON, and the formats
// that CI systems turn into annotations.
var Formats = []string{"text", "json", "github", "gitlab", "sarif"}

// Tool names the program that found the diagnostics, for reports that
// record it (SARIF).
type Tool struct {
	Name, Version, URI string
}

// Write prints l in one of Formats. Text is printed as WriteText does,
// without colour; the other formats are documents for tools.
func Write(w io.Writer, format string, l List, src Sources, tool Tool) error {
	switch format {
	case "text":
		return WriteText(w, l, src, TextOptions{})
	case "json":
		return WriteJSON(w, l, src)
	case "github":
		return WriteGitHub(w, l)
	case "gitlab":
		return WriteGitLab(w, l)
	case "sarif":
		return WriteSARIF(w, l, src, tool)
	}
	return fmt.Errorf("unknown format %q (use %s)", format, strings.Join(Formats, ", "))
}

// WriteGitHub prints l as GitHub Actions workflow commands, one line per
// diagnostic, which the runner turns into annotations on the pull request:
//
//	::error file=content/tracks/sde/l5.md,line=12,col=22,title=unknown-reference::unknown course "secure-codng"%0Ahint: did you mean "secure-coding"?
//
// The rule id is the title. Values are escaped as the runner expects: in
// the message %, CR and LF become %25, %0D and %0A; in properties also
// : and , become %3A and %2C.
func WriteGitHub(w io.Writer, l List) error {
	var b strings.Builder
	for _, d := range l {
		cmd := "error"
		if d.Severity == Warning {
			cmd = "warning"
		}
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+githubProperty(d.Pos.File))
			if d.Pos.Line > 0 {
				props = append(props, "line="+strconv.Itoa(d.Pos.Line), "col="+strconv.Itoa(d.Pos.Col))
				if d.Pos.Len > 1 {
					props = append(props, "endColumn="+strconv.Itoa(d.Pos.Col+d.Pos.Len-1))
				}
			}
		}
		if d.Rule != "" {
			props = append(props, "title="+githubProperty(d.Rule))
		}
		b.WriteString("::" + cmd)
		if len(props) > 0 {
			b.WriteString(" " + strings.Join(props, ","))
		}
		b.WriteString("::" + githubData(longMessage(d)) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// longMessage returns the message of d with its hint and notes on the
// lines after it, for formats that show one block of text per diagnostic.
func longMessage(d Diagnostic) string {
	var b strings.Builder
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("\nhint: " + d.Hint)
	}
	for _, n := range d.Notes {
		b.WriteString("\nnote: ")
		if s := n.Pos.String(); s != "" {
			b.WriteString(s + ": ")
		}
		b.WriteString(n.Msg)
	}
	return b.String()
}

// githubData escapes the message of a workflow command.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a property value of a workflow command.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// CodeQualityIssue is one entry of a GitLab Code Quality report, the subset
// of the Code Climate issue format that GitLab reads.
type CodeQualityIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Categories  []string            `json:"categories"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    CodeQualityLocation `json:"location"`
}

// CodeQualityLocation is where a Code Quality issue is: a path and a line.
type CodeQualityLocation struct {
	Path  string `json:"path"`
	Lines struct {
		Begin int `json:"begin"`
	} `json:"lines"`
}

// WriteGitLab prints l as a GitLab Code Quality report: a JSON array with
// one issue per diagnostic (an error is "major", a warning "minor"). The
// fingerprint is a hash of the rule, the file, the message and how many
// identical diagnostics came before it in the file, but not the line, so
// that an issue keeps its fingerprint when lines above it move and GitLab
// can tell new problems from old ones.
func WriteGitLab(w io.Writer, l List) error {
	issues := make([]CodeQualityIssue, 0, len(l))
	seen := map[string]int{}
	for _, d := range l {
		key := d.Rule + "\x00" + d.Pos.File + "\x00" + d.Msg
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		is := CodeQualityIssue{
			Type:        "issue",
			CheckName:   cmpOr(d.Rule, "ladder"),
			Description: d.Msg,
			Categories:  []string{"Bug Risk"},
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    "major",
		}
		if d.Hint != "" {
			is.Description += " (hint: " + d.Hint + ")"
		}
		if d.Severity == Warning {
			is.Severity = "minor"
			is.Categories = []string{"Style"}
		}
		is.Location.Path = cmpOr(d.Pos.File, ".")
		is.Location.Lines.Begin = max(1, d.Pos.Line)
		issues = append(issues, is)
	}
	return writeIndented(w, issues)
}

// cmpOr returns s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// writeIndented writes v as indented JSON, without escaping < > & for HTML.
func writeIndented(w io.Writer, v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}
