package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/internal/site"
)

// StructuredData returns the schema.org description of the page's entity
// (see JSONLD) as JSON, for a <script type="application/ld+json"> element:
// the bytes json.Marshal writes for JSONLD, without building it as a map.
// It returns "null" on a page that JSONLD describes as nil.
func (p *Page) StructuredData() template.JS {
	var o jsonObject
	switch {
	case p.Level != nil:
		o = p.levelLD(p.Level)
	case p.Course != nil:
		o = p.courseLD(p.Course)
	case p.Program != nil:
		o = p.programLD(p.Program)
	default:
		return "null"
	}
	b := make([]byte, 0, 1024)
	return template.JS(o.appendTo(b))
}

func (p *Page) levelLD(l *site.Level) jsonObject {
	o := jsonObject{
		jstr("@context", "https://schema.org"), jstr("@type", "Occupation"),
		jstr("name", l.Title), jstr("description", firstNonEmpty(l.Summary, l.Title)), jstr("url", p.AbsURL(l)),
	}
	if l.ONetSOC != "" {
		o = append(o, jstr("occupationalCategory", l.ONetSOC))
	}
	if l.Pay != nil && (l.Pay.Min > 0 || l.Pay.Max > 0) {
		o = append(o, jobj("estimatedSalary", jsonObject{
			jstr("@type", "MonetaryAmountDistribution"), jstr("name", "base"), jstr("currency", l.Pay.Currency),
			jint("minValue", l.Pay.Min), jint("maxValue", l.Pay.Max), jstr("duration", "P1Y"),
		}))
	}
	if len(l.Expectations) > 0 {
		var skills strings.Builder
		for i, e := range l.Expectations {
			if i > 0 {
				skills.WriteString(", ")
			}
			skills.WriteString(p.CompetencyOf(e.CompetencyID).Title)
		}
		o = append(o, jstr("skills", skills.String()))
	}
	return o
}

func (p *Page) courseLD(c *site.Course) jsonObject {
	o := jsonObject{
		jstr("@context", "https://schema.org"), jstr("@type", "Course"),
		jstr("name", c.Title), jstr("description", firstNonEmpty(c.Summary, c.Title)), jstr("url", p.AbsURL(c)),
	}
	if c.Provider != "" {
		o = append(o, jobj("provider", jsonObject{jstr("@type", "Organization"), jstr("name", c.Provider)}))
	}
	if c.Credential != "" {
		o = append(o, jstr("educationalCredentialAwarded", c.Credential))
	}
	if len(c.Prereqs) > 0 {
		o = append(o, jarr("coursePrerequisites", p.courseRefsLD(c.Prereqs)))
	}
	if c.Hours > 0 {
		o = append(o, jstr("timeRequired", "PT"+strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(c.Hours, 'f', 2, 64), "0"), ".")+"H"))
	}
	return o
}

func (p *Page) courseRefsLD(cs []*site.Course) []jsonObject {
	out := make([]jsonObject, len(cs))
	for i, c := range cs {
		out[i] = jsonObject{jstr("@type", "Course"), jstr("name", c.Title), jstr("url", p.AbsURL(c))}
	}
	return out
}

func (p *Page) programLD(pr *site.Program) jsonObject {
	o := jsonObject{
		jstr("@context", "https://schema.org"), jstr("@type", "EducationalOccupationalProgram"),
		jstr("name", pr.Title), jstr("description", firstNonEmpty(pr.Summary, pr.Title)), jstr("url", p.AbsURL(pr)),
	}
	if pr.Kind != "" {
		o = append(o, jstr("programType", pr.Kind))
	}
	if d := pr.Months.ISO8601(); d != "" {
		// A range has no ISO 8601 form: the upper end is the time the
		// program may take.
		o = append(o, jstr("timeToComplete", d))
	}
	if len(pr.Fields) > 0 {
		o = append(o, jsonField{key: "occupationalCategory", kind: jsonStrings, strs: pr.Fields})
	}
	o = append(o, jstr("programPrerequisites", p.Eligibility(pr)))
	if len(pr.Courses) > 0 {
		o = append(o, jarr("hasCourse", p.courseRefsLD(pr.Courses)))
	}
	if len(pr.LeadsTo) > 0 {
		occ := make([]jsonObject, len(pr.LeadsTo))
		for i, l := range pr.LeadsTo {
			occ[i] = jsonObject{jstr("@type", "Occupation"), jstr("name", l.Title), jstr("url", p.AbsURL(l))}
		}
		o = append(o, jarr("relevantOccupation", occ))
	}
	if in := p.r.intakeStatus(pr).Next; in != nil {
		if d := date(in.ApplyFrom); d != "" {
			o = append(o, jstr("applicationStartDate", d))
		}
		if d := date(in.ApplyBy); d != "" {
			o = append(o, jstr("applicationDeadline", d))
		}
		if d := date(in.Start); d != "" {
			o = append(o, jstr("startDate", d))
		}
	}
	return o
}

// jsonObject is a JSON object written as encoding/json writes a
// map[string]any: keys sorted, strings escaped for HTML.
type jsonObject []jsonField

// jsonField is one member of a jsonObject.
type jsonField struct {
	key  string
	kind jsonKind
	str  string
	num  int
	obj  jsonObject
	arr  []jsonObject
	strs []string
}

// jsonKind says which value a jsonField holds.
type jsonKind uint8

const (
	jsonString  jsonKind = iota // str
	jsonInt                     // num
	jsonObj                     // obj
	jsonObjects                 // arr
	jsonStrings                 // strs
)

func jstr(k, v string) jsonField              { return jsonField{key: k, kind: jsonString, str: v} }
func jint(k string, v int) jsonField          { return jsonField{key: k, kind: jsonInt, num: v} }
func jobj(k string, v jsonObject) jsonField   { return jsonField{key: k, kind: jsonObj, obj: v} }
func jarr(k string, v []jsonObject) jsonField { return jsonField{key: k, kind: jsonObjects, arr: v} }

func (o jsonObject) appendTo(b []byte) []byte {
	slices.SortFunc(o, func(x, y jsonField) int { return strings.Compare(x.key, y.key) })
	b = append(b, '{')
	for i, f := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.key)
		b = append(b, ':')
		switch f.kind {
		case jsonString:
			b = appendJSONString(b, f.str)
		case jsonInt:
			b = strconv.AppendInt(b, int64(f.num), 10)
		case jsonObj:
			b = f.obj.appendTo(b)
		case jsonObjects:
			b = append(b, '[')
			for j, x := range f.arr {
				if j > 0 {
					b = append(b, ',')
				}
				b = x.appendTo(b)
			}
			b = append(b, ']')
		case jsonStrings:
			b = append(b, '[')
			for j, x := range f.strs {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, x)
			}
			b = append(b, ']')
		}
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes strings by default: control characters, " and \, the HTML
// characters < > &, U+2028, U+2029, and invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
