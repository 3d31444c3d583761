package export

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/site"
)

// The skills standards: a 1EdTech CASE 1.1 package of the competencies and
// their level descriptors (CASE), and an Open Skills Network Rich Skill
// Descriptor per competency (RSD). Both name everything by URI, so they
// need an absolute base URL; identifiers are UUIDs derived from those URIs
// (version 5, SHA-1, in the URL namespace), so that the same competency
// keeps its identifier from one export to the next.

// SkillsMarker is the note a CASE package written by CASE carries in its
// CFDocument: the command line replaces only a package that carries it.
const SkillsMarker = "Written by ladder export from the career framework."

// ONetURL is where an O*NET-SOC code is described.
const ONetURL = "https://www.onetonline.org/link/summary/"

// BaseURL returns base as an absolute http(s) URL ending in "/", or an
// error saying why it cannot name the items of a skills standard.
func BaseURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("base_url %q is not an absolute http(s) URL, which CASE and RSD name every item by", base)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

// uuid5 returns the version 5 UUID of name in the URL namespace (RFC 9562).
func uuid5(name string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// caseLink is a CASE LinkURI: a node's title, identifier and URI.
type caseLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type caseDocument struct {
	Identifier         string   `json:"identifier"`
	URI                string   `json:"uri"`
	Creator            string   `json:"creator"`
	Title              string   `json:"title"`
	LastChangeDateTime string   `json:"lastChangeDateTime"`
	Description        string   `json:"description,omitempty"`
	Language           string   `json:"language,omitempty"`
	AdoptionStatus     string   `json:"adoptionStatus"`
	Notes              string   `json:"notes"`
	CFPackageURI       caseLink `json:"CFPackageURI"`
}

type caseItem struct {
	Identifier           string   `json:"identifier"`
	URI                  string   `json:"uri"`
	FullStatement        string   `json:"fullStatement"`
	AbbreviatedStatement string   `json:"abbreviatedStatement,omitempty"`
	HumanCodingScheme    string   `json:"humanCodingScheme"`
	CFItemType           string   `json:"CFItemType"`
	ListEnumeration      string   `json:"listEnumeration,omitempty"`
	Language             string   `json:"language,omitempty"`
	LastChangeDateTime   string   `json:"lastChangeDateTime"`
	CFDocumentURI        caseLink `json:"CFDocumentURI"`
}

type caseAssociation struct {
	Identifier         string   `json:"identifier"`
	URI                string   `json:"uri"`
	AssociationType    string   `json:"associationType"`
	SequenceNumber     int      `json:"sequenceNumber,omitempty"`
	OriginNodeURI      caseLink `json:"originNodeURI"`
	DestinationNodeURI caseLink `json:"destinationNodeURI"`
	CFDocumentURI      caseLink `json:"CFDocumentURI"`
	LastChangeDateTime string   `json:"lastChangeDateTime"`
}

// CASEPackage is a CASE 1.1 package (CFPackage): the document, its items
// and the associations between them.
type CASEPackage struct {
	CFDocument     caseDocument      `json:"CFDocument"`
	CFItems        []caseItem        `json:"CFItems"`
	CFAssociations []caseAssociation `json:"CFAssociations"`
}

// CASE returns the competencies of a checked site as a CASE 1.1 package,
// indented JSON. The document is the framework; each category of
// competencies is an item (CFItemType "Category") that is a child of the
// document, each competency an item ("Competency") that is a child of its
// category, and each level descriptor an item ("Proficiency Level") that
// is a child of its competency, in scale order. A competency's ESCO skill
// is an exactMatchOf association; the O*NET-SOC occupations of the levels
// that expect it are isRelatedTo associations. base is the absolute URL
// of the site (see BaseURL).
func CASE(s *site.Site, base string) ([]byte, error) {
	stamp := s.Config.Today.UTC().Format(time.RFC3339)
	docURI := base + "competencies/"
	doc := caseLink{Title: s.Config.Title, Identifier: uuid5(docURI), URI: docURI}
	creator := s.Config.Title
	if org, ok := s.Config.Params["organisation"].(string); ok && org != "" {
		creator = org
	}
	p := CASEPackage{CFDocument: caseDocument{
		Identifier: doc.Identifier, URI: doc.URI, Creator: creator, Title: s.Config.Title,
		LastChangeDateTime: stamp, Description: "The competencies of the career framework and their level descriptors.",
		Language: s.Config.Language, AdoptionStatus: "Adopted", Notes: SkillsMarker,
		CFPackageURI: caseLink{Title: s.Config.Title, Identifier: uuid5(base + "data/case.json"), URI: base + "data/case.json"},
	}, CFItems: []caseItem{}, CFAssociations: []caseAssociation{}}
	item := func(uri, full, abbr, code, typ, enum string) caseLink {
		l := caseLink{Title: abbr, Identifier: uuid5(uri), URI: uri}
		if l.Title == "" {
			l.Title = full
		}
		p.CFItems = append(p.CFItems, caseItem{
			Identifier: l.Identifier, URI: uri, FullStatement: full, AbbreviatedStatement: abbr,
			HumanCodingScheme: code, CFItemType: typ, ListEnumeration: enum, Language: s.Config.Language,
			LastChangeDateTime: stamp, CFDocumentURI: doc,
		})
		return l
	}
	assoc := func(kind string, seq int, from, to caseLink) {
		uri := from.URI + "#" + kind + "/" + to.URI
		p.CFAssociations = append(p.CFAssociations, caseAssociation{
			Identifier: uuid5(uri), URI: base + "data/case/associations/" + uuid5(uri), AssociationType: kind, SequenceNumber: seq,
			OriginNodeURI: from, DestinationNodeURI: to, CFDocumentURI: doc, LastChangeDateTime: stamp,
		})
	}
	categories := map[string]caseLink{}
	var order []string
	for _, c := range s.Competencies {
		if _, ok := categories[c.Category]; !ok {
			name := c.Category
			if name == "" {
				name = "Other"
			}
			order = append(order, c.Category)
			categories[c.Category] = item(docURI+"#category-"+url.PathEscape(name), name, name, name, "Category", strconv.Itoa(len(order)))
			assoc("isChildOf", len(order), categories[c.Category], doc)
		}
	}
	seq := map[string]int{}
	for _, c := range s.Competencies {
		uri := base + "competencies/" + c.ID + "/"
		full := c.Summary
		if full == "" {
			full = c.Title
		}
		seq[c.Category]++
		ci := item(uri, full, c.Title, c.ID, "Competency", strconv.Itoa(seq[c.Category]))
		assoc("isChildOf", seq[c.Category], ci, categories[c.Category])
		for n := 1; n <= s.Config.Scale.Max(); n++ {
			d := c.Descriptor(n)
			if d == "" {
				continue
			}
			li := item(uri+"#level-"+strconv.Itoa(n), d, scaleName(s, n), c.ID+"."+strconv.Itoa(n), "Proficiency Level", strconv.Itoa(n))
			assoc("isChildOf", n, li, ci)
		}
		if c.ESCO != "" {
			assoc("exactMatchOf", 0, ci, caseLink{Title: c.Title, Identifier: uuid5(c.ESCO), URI: c.ESCO})
		}
		for _, code := range occupations(c) {
			assoc("isRelatedTo", 0, ci, caseLink{Title: "O*NET-SOC " + code, Identifier: uuid5(ONetURL + code), URI: ONetURL + code})
		}
	}
	return marshal(p)
}

// occupations returns the O*NET-SOC codes of the levels that expect c, in
// order, once each.
func occupations(c *site.Competency) []string {
	var codes []string
	seen := map[string]bool{}
	for _, l := range c.ExpectedBy {
		if l.ONetSOC != "" && !seen[l.ONetSOC] {
			seen[l.ONetSOC] = true
			codes = append(codes, l.ONetSOC)
		}
	}
	return codes
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// OwnedCASE reports whether data is a package that CASE wrote.
func OwnedCASE(data []byte) bool {
	var p struct {
		CFDocument struct {
			Notes string `json:"notes"`
		} `json:"CFDocument"`
	}
	return json.Unmarshal(data, &p) == nil && p.CFDocument.Notes == SkillsMarker
}

// rsdAlignment is a skill in another framework that an RSD aligns with.
type rsdAlignment struct {
	ID        string  `json:"id"`
	SkillName string  `json:"skillName"`
	IsPartOf  rsdName `json:"isPartOf"`
}

type rsdName struct {
	Name string `json:"name"`
}

type rsdOccupation struct {
	Code          string `json:"code"`
	FrameworkName string `json:"frameworkName"`
	ID            string `json:"id"`
}

// RSD is an Open Skills Network Rich Skill Descriptor.
type RSD struct {
	Context        string          `json:"@context"`
	Type           string          `json:"type"`
	ID             string          `json:"id"`
	UUID           string          `json:"uuid"`
	SkillName      string          `json:"skillName"`
	SkillStatement string          `json:"skillStatement"`
	Categories     []string        `json:"categories"`
	Keywords       []string        `json:"keywords"`
	Alignments     []rsdAlignment  `json:"alignments"`
	Occupations    []rsdOccupation `json:"occupations"`
	Authors        []string        `json:"authors"`
	Status         string          `json:"status"`
	CreationDate   string          `json:"creationDate"`
	UpdateDate     string          `json:"updateDate"`
	PublishDate    string          `json:"publishDate"`
}

// RSDs returns a Rich Skill Descriptor per competency of a checked site, by
// competency id, each as indented JSON. The statement is the competency's
// summary followed by its level descriptors ("Proficient: …"); its ESCO
// skill is an alignment, and the O*NET-SOC codes of the levels that expect
// it are its occupations. base is the absolute URL of the site.
func RSDs(s *site.Site, base string) (map[string][]byte, error) {
	stamp := s.Config.Today.UTC().Format(time.RFC3339)
	author := s.Config.Title
	if org, ok := s.Config.Params["organisation"].(string); ok && org != "" {
		author = org
	}
	out := map[string][]byte{}
	for _, c := range s.Competencies {
		uri := base + "competencies/" + c.ID + "/"
		statement := []string{}
		if c.Summary != "" {
			statement = append(statement, c.Summary)
		}
		for n := 1; n <= s.Config.Scale.Max(); n++ {
			if d := c.Descriptor(n); d != "" {
				statement = append(statement, scaleName(s, n)+": "+d)
			}
		}
		if len(statement) == 0 {
			statement = append(statement, c.Title)
		}
		r := RSD{
			Context: "https://rsd.openskillsnetwork.org/context-v1.json", Type: "RichSkillDescriptor",
			ID: uri, UUID: uuid5(uri), SkillName: c.Title, SkillStatement: strings.Join(statement, "\n"),
			Categories: []string{}, Keywords: []string{c.ID}, Alignments: []rsdAlignment{}, Occupations: []rsdOccupation{},
			Authors: []string{author}, Status: "published", CreationDate: stamp, UpdateDate: stamp, PublishDate: stamp,
		}
		if c.Category != "" {
			r.Categories = append(r.Categories, c.Category)
		}
		if c.ESCO != "" {
			r.Alignments = append(r.Alignments, rsdAlignment{ID: c.ESCO, SkillName: c.Title, IsPartOf: rsdName{Name: "ESCO"}})
		}
		for _, code := range occupations(c) {
			r.Occupations = append(r.Occupations, rsdOccupation{Code: code, FrameworkName: "o*net", ID: ONetURL + code})
		}
		b, err := marshal(r)
		if err != nil {
			return nil, err
		}
		out[c.ID] = b
	}
	return out, nil
}
