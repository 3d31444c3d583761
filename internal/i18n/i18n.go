// Package i18n holds the texts of a site's interface in its language: every
// heading, label and sentence that the theme's layouts, its scripts and the
// charts write around the site's own content, and the way numbers, amounts
// and dates are written.
//
// # Files
//
// The texts of a language are in i18n/<language>.toml: the theme's own file
// (themes/default/i18n/en.toml and de.toml), which a site overrides key by
// key with a file of the same name in its own i18n/ folder. A language is
// chosen by site.toml language ("de"); a regional language ("de-CH") reads
// the file of its base language ("de.toml") first and its own over it. The
// English texts are always loaded as well: a key that the language's files
// lack is shown in English, and reported as a warning (rule i18n-missing).
//
// A file maps keys to texts. Tables group the keys, and a key's name is its
// path, "nav.tracks" for tracks under [nav]:
//
//	[nav]
//	tracks = "Tracks"                           # a text
//	[count]
//	courses = { one = "{0} course", other = "{0} courses" }  # plural forms
//	[date]
//	months = ["January", "February", ...]       # a list
//
// {0}, {1}, ... stand for the arguments a layout passes ({{T "count.courses"
// 3}}): numbers are written in the language's way (1,234 or 1.234), text
// as it is. A text with plural forms (zero, one, two, few, many, other;
// other is required) is chosen by its first argument under the language's
// CLDR plural rules (golang.org/x/text/feature/plural): "1 Kurs", "3 Kurse".
//
// Texts are plain text: a layout that needs a link inside a sentence
// passes the link as an argument of type template.HTML (see Catalog.HTML),
// so that the markup stays in the theme.
//
// # Numbers, amounts and dates
//
// Numbers are formatted with golang.org/x/text/number for the language, and
// amounts of money with the currency's ISO code (golang.org/x/text/currency
// checks it) placed as the key format.money says. golang.org/x/text has no
// formatting of dates, so the month names and the order of a date's parts
// are texts too (date.months, date.long).
package i18n

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/currency"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

// Fallback is the language whose texts stand in for missing ones: the
// theme's i18n/en.toml must hold every key its layouts use.
const Fallback = "en"

// Message is one text of a language file.
type Message struct {
	// Key is the text's key path ("nav.tracks").
	Key string
	// Text is the text, or "" when it has plural forms or is a list.
	Text string
	// Forms holds the plural forms by CLDR name ("one", "other").
	Forms map[string]string
	// List holds the items of a list (date.months).
	List []string
	// Pos is where the text is written.
	Pos diag.Pos
}

// Layer is one folder of language files, in order of precedence: the
// built-in theme's, a site's theme's, the site's own.
type Layer struct {
	// FS is the folder (an i18n/ directory), or nil when there is none.
	FS fs.FS
	// Dir is the folder's slash path from the site root, for diagnostics
	// ("i18n", "themes/corporate/i18n").
	Dir string
	// Site marks the site's own folder: a missing key is reported there
	// only when the site has a file for the language.
	Site bool
}

// KeyError is the error of a text that no file holds, not even in English:
// a layout names a key the theme's i18n/en.toml lacks.
type KeyError struct {
	Key  string
	Lang string
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("no text for %q in i18n/%s.toml nor in i18n/%s.toml: add it to the theme's or the site's i18n/%s.toml", e.Key, e.Lang, Fallback, Fallback)
}

// FormError is the error of a text whose arguments do not fit it: a text
// with plural forms given no number first.
type FormError struct {
	Key string
	Msg string
}

func (e *FormError) Error() string { return fmt.Sprintf("text %q: %s", e.Key, e.Msg) }

// Catalog is the texts of one language, merged from its layers, with the
// English texts behind them. It is immutable and safe for concurrent use.
type Catalog struct {
	lang    string
	tag     language.Tag
	msgs    map[string]*Message // the language's
	en      map[string]*Message // English, for the keys the language lacks
	printer *message.Printer
}

// Load reads the texts of language lang from layers (lowest precedence
// first) and returns the catalog and what is wrong with the files: errors
// (rule i18n-file) for a file that does not parse or a value that is not
// text, warnings (rule i18n-missing) for the English keys that lang lacks.
// cfgPos is where site.toml sets the language, for the warning of a
// language without a file. The error is for files that cannot be read.
func Load(lang string, cfgPos diag.Pos, layers ...Layer) (*Catalog, diag.List, error) {
	return (*Cache)(nil).Load(lang, cfgPos, layers...)
}

// Cache keeps the parse of each language file, by its path and bytes, for
// a dev server that loads the texts again after every change: a file
// whose bytes are those of the last load is not parsed again. The zero
// Cache is ready to use, and a nil one keeps nothing. It is safe for
// concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]parsedFile
}

// parsedFile is what Parse made of a file's text.
type parsedFile struct {
	text  string
	msgs  []*Message
	diags diag.List
}

// parse is Parse, through the cache.
func (cache *Cache) parse(file string, text []byte, diags *diag.List) []*Message {
	if cache == nil {
		return Parse(file, text, diags)
	}
	cache.mu.Lock()
	p, ok := cache.files[file]
	cache.mu.Unlock()
	if !ok || p.text != string(text) {
		var d diag.List
		p = parsedFile{text: string(text), msgs: Parse(file, text, &d), diags: d}
		cache.mu.Lock()
		if cache.files == nil {
			cache.files = map[string]parsedFile{}
		}
		cache.files[file] = p
		cache.mu.Unlock()
	}
	diags.Append(p.diags...)
	return p.msgs
}

// Load is the package's Load, parsing through the cache.
func (cache *Cache) Load(lang string, cfgPos diag.Pos, layers ...Layer) (*Catalog, diag.List, error) {
	if lang == "" {
		lang = Fallback
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	c := &Catalog{lang: lang, tag: tag, printer: message.NewPrinter(tag)}
	var diags diag.List
	c.en, err = cache.merge([]string{Fallback}, layers, &diags)
	if err != nil {
		return nil, nil, err
	}
	if lang == Fallback {
		c.msgs = c.en
		return c, diags, nil
	}
	names := []string{lang}
	if base, _, ok := strings.Cut(lang, "-"); ok {
		names = []string{base, lang}
	}
	c.msgs, err = cache.merge(names, layers, &diags)
	if err != nil {
		return nil, nil, err
	}
	c.reportMissing(names, cfgPos, layers, &diags)
	return c, diags, nil
}

// merge reads the files of names (in order) from every layer, each over
// the ones before.
func (cache *Cache) merge(names []string, layers []Layer, diags *diag.List) (map[string]*Message, error) {
	out := map[string]*Message{}
	for _, l := range layers {
		if l.FS == nil {
			continue
		}
		for _, n := range names {
			text, err := fs.ReadFile(l.FS, n+".toml")
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", path.Join(l.Dir, n+".toml"), err)
			}
			for _, m := range cache.parse(path.Join(l.Dir, n+".toml"), text, diags) {
				out[m.Key] = m
			}
		}
	}
	return out, nil
}

// reportMissing adds a warning for the English keys that the language's
// files lack: at the most specific file of the language, or at site.toml's
// language when no layer has one.
func (c *Catalog) reportMissing(names []string, cfgPos diag.Pos, layers []Layer, diags *diag.List) {
	file := ""
	for _, l := range layers {
		if l.FS == nil {
			continue
		}
		for _, n := range names {
			if _, err := fs.Stat(l.FS, n+".toml"); err == nil {
				file = path.Join(l.Dir, n+".toml")
			}
		}
	}
	site := "i18n/" + c.lang + ".toml"
	if file == "" {
		diags.Append(diag.Diagnostic{
			Pos: cfgPos, Severity: diag.Warning, Rule: "i18n-missing",
			Msg:  fmt.Sprintf("no texts for language %q: neither the site nor its theme has i18n/%s.toml; the interface is in English", c.lang, c.lang),
			Hint: fmt.Sprintf("write %s with the keys of the theme's i18n/%s.toml (ladder theme eject copies them), or set language to one the theme has", site, Fallback),
		})
		return
	}
	var missing []string
	for k := range c.en {
		if _, ok := c.msgs[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return
	}
	slices.Sort(missing)
	quoted := make([]string, 0, 5)
	for _, k := range missing[:min(5, len(missing))] {
		quoted = append(quoted, strconv.Quote(k))
	}
	list := strings.Join(quoted, ", ")
	if len(missing) > 5 {
		list += fmt.Sprintf(" and %d more", len(missing)-5)
	}
	noun := "text"
	if len(missing) > 1 {
		noun = "texts"
	}
	diags.Append(diag.Diagnostic{
		Pos: diag.Pos{File: file}, Severity: diag.Warning, Rule: "i18n-missing",
		Msg:  fmt.Sprintf("%s lacks %d %s the theme uses: %s; they are shown in English", file, len(missing), noun, list),
		Hint: fmt.Sprintf("add them to %s; the English texts are in the theme's i18n/%s.toml", site, Fallback),
	})
}

// pluralForms are the CLDR plural form names a text may have.
var pluralForms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// Parse reads the texts of one language file, file being its slash path
// for diagnostics, and adds to diags what is wrong with it (rule
// i18n-file): TOML that does not parse, a value that is not a text, a
// table of plural forms without other.
func Parse(file string, text []byte, diags *diag.List) []*Message {
	lines := diag.NewLineIndex(file, text)
	var raw map[string]any
	if _, err := toml.Decode(string(text), &raw); err != nil {
		d := diag.Diagnostic{Pos: diag.Pos{File: file}, Severity: diag.Error, Rule: "i18n-file", Msg: "invalid TOML: " + err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Pos = lines.Pos(pe.Position.Start, pe.Position.Start+max(1, pe.Position.Len))
			if pe.Message != "" {
				d.Msg = "invalid TOML: " + pe.Message
			}
		}
		diags.Append(d)
		return nil
	}
	ix := tomlpos.Scan(text)
	pos := func(key string) diag.Pos {
		e, _ := ix.Lookup(key)
		return lines.Pos(e.Value.Start, e.Value.End)
	}
	var out []*Message
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			switch v := m[k].(type) {
			case string:
				out = append(out, &Message{Key: key, Text: v, Pos: pos(key)})
			case []any:
				msg := &Message{Key: key, List: make([]string, 0, len(v)), Pos: pos(key)}
				for _, x := range v {
					s, ok := x.(string)
					if !ok {
						diags.Add("i18n-file", pos(key), "write each item in quotes", "%s: a list of texts holds %T", key, x)
						msg = nil
						break
					}
					msg.List = append(msg.List, s)
				}
				if msg != nil {
					out = append(out, msg)
				}
			case map[string]any:
				if forms, ok := pluralTable(v); ok {
					if _, ok := forms["other"]; !ok {
						diags.Add("i18n-file", pos(key), `add other = "…", the form of every number the others leave out`, "%s: plural forms without other", key)
						continue
					}
					out = append(out, &Message{Key: key, Forms: forms, Pos: pos(key)})
					continue
				}
				walk(key, v)
			default:
				diags.Add("i18n-file", pos(key), `write the text in quotes, e.g. tracks = "Tracks"`, "%s is a %T, not a text", key, v)
			}
		}
	}
	walk("", raw)
	return out
}

// pluralTable reports whether m is a table of plural forms: every key a
// CLDR form name and every value a string.
func pluralTable(m map[string]any) (map[string]string, bool) {
	if len(m) == 0 {
		return nil, false
	}
	forms := make(map[string]string, len(m))
	for k, v := range m {
		s, ok := v.(string)
		if _, form := pluralForms[k]; !ok || !form {
			return nil, false
		}
		forms[k] = s
	}
	return forms, true
}

// Lang returns the language's code, as site.toml gives it ("de").
func (c *Catalog) Lang() string { return c.lang }

// Lookup returns the message of key in the language, or in English when
// the language lacks it.
func (c *Catalog) Lookup(key string) (*Message, bool) {
	if m, ok := c.msgs[key]; ok {
		return m, true
	}
	m, ok := c.en[key]
	return m, ok
}

// Keys returns the keys of the English texts, sorted: every key the theme
// uses.
func (c *Catalog) Keys() []string {
	out := make([]string, 0, len(c.en))
	for k := range c.en {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Has reports whether the language itself (not English) holds key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// Text returns the text of key with args in place of {0}, {1}, ...: the
// form chosen by the first argument when the text has plural forms.
// Numbers are written in the language's way.
func (c *Catalog) Text(key string, args ...any) (string, error) {
	m, ok := c.Lookup(key)
	if !ok {
		return "", &KeyError{Key: key, Lang: c.lang}
	}
	s, err := c.pick(m, args)
	if err != nil {
		return "", err
	}
	return c.fill(s, args, false), nil
}

// HTML returns the text of key as HTML, for a layout: the text and the
// arguments escaped, but for arguments of type template.HTML (a link, a
// badge drawn by the theme), which are put in as they are.
func (c *Catalog) HTML(key string, args ...any) (template.HTML, error) {
	m, ok := c.Lookup(key)
	if !ok {
		return "", &KeyError{Key: key, Lang: c.lang}
	}
	s, err := c.pick(m, args)
	if err != nil {
		return "", err
	}
	return template.HTML(c.fill(s, args, true)), nil
}

// pick returns the text of m, or its plural form for the first argument.
func (c *Catalog) pick(m *Message, args []any) (string, error) {
	if m.Forms == nil {
		if m.List != nil {
			return "", &FormError{Key: m.Key, Msg: "is a list, not a text"}
		}
		return m.Text, nil
	}
	if len(args) == 0 {
		return "", &FormError{Key: m.Key, Msg: "has plural forms: give the number first"}
	}
	n, ok := toFloat(args[0])
	if !ok {
		return "", &FormError{Key: m.Key, Msg: fmt.Sprintf("has plural forms: the first argument must be a number, not %T", args[0])}
	}
	return m.Forms[formOf(m, c.form(n))], nil
}

// form returns the name of the plural form of n that m has, falling back
// to other.
func (c *Catalog) form(n float64) string {
	i := int(math.Abs(n))
	v, f := 0, 0
	if n != math.Trunc(n) {
		// One or two visible decimals are enough for counts and hours.
		s := strconv.FormatFloat(math.Abs(n), 'f', -1, 64)
		if _, frac, ok := strings.Cut(s, "."); ok {
			v = len(frac)
			f, _ = strconv.Atoi(frac)
		}
	}
	switch plural.Cardinal.MatchPlural(c.tag, i, v, 0, f, f) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// formOf returns the form to use among those m has.
func formOf(m *Message, name string) string {
	if _, ok := m.Forms[name]; ok {
		return name
	}
	return "other"
}

// fill puts the arguments in place of {0}, {1}, ... in s, escaping for
// HTML when html is set.
func (c *Catalog) fill(s string, args []any, html bool) string {
	if !strings.Contains(s, "{") && !html {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		n, err := strconv.Atoi(s[i+1 : i+max(j, 1)])
		if j < 0 || err != nil || n < 0 || n >= len(args) {
			writeText(&b, s[:i+1], html)
			s = s[i+1:]
			continue
		}
		writeText(&b, s[:i], html)
		switch a := args[n].(type) {
		case template.HTML:
			b.WriteString(string(a))
		case string:
			writeText(&b, a, html)
		default:
			writeText(&b, c.format(a), html)
		}
		s = s[i+j+1:]
	}
	writeText(&b, s, html)
	return b.String()
}

// writeText writes s, escaping <, > and & when html is set. Quotes need no
// escaping in text, and html/template escapes them in attributes.
func writeText(b *strings.Builder, s string, html bool) {
	if !html || !strings.ContainsAny(s, "<>&") {
		b.WriteString(s)
		return
	}
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
}

// format writes an argument: numbers in the language's way.
func (c *Catalog) format(a any) string {
	if f, ok := toFloat(a); ok {
		return c.Number(f)
	}
	return fmt.Sprint(a)
}

// toFloat returns a number argument as a float64.
func toFloat(a any) (float64, bool) {
	switch n := a.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case int32:
		return float64(n), true
	case uint:
		return float64(n), true
	case float64:
		return n, true
	case float32:
		return float64(n), true
	}
	return 0, false
}

// Number writes n in the language's way with up to two decimals: "1,234.5"
// in English, "1.234,5" in German.
func (c *Catalog) Number(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return c.printer.Sprint(number.Decimal(int64(n)))
	}
	return c.printer.Sprint(number.Decimal(n, number.MaxFractionDigits(2)))
}

// Money writes an amount with its currency as format.money says ("USD
// 95,000", "95.000 USD"): the amount with two decimals only when it has
// cents. currency is an ISO 4217 code, or "" for a bare number; a code
// that golang.org/x/text/currency does not know is written as it is.
func (c *Catalog) Money(amount float64, cur string) string {
	var n string
	if cents := math.Round(amount*100) / 100; cents != math.Trunc(cents) {
		n = c.printer.Sprint(number.Decimal(cents, number.Scale(2)))
	} else {
		n = c.Number(math.Trunc(amount))
	}
	if cur == "" {
		return n
	}
	if u, err := currency.ParseISO(cur); err == nil {
		cur = u.String()
	}
	s, err := c.Text("format.money", n, cur)
	if err != nil {
		return cur + " " + n
	}
	return s
}

// Date writes t as date.long says, with the month's name from
// date.months ("2 January 2026", "2. Januar 2026"), or "" when t is zero.
// golang.org/x/text has no formatting of dates, so both are texts of the
// language file.
func (c *Catalog) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := t.Month().String()
	if m, ok := c.Lookup("date.months"); ok && len(m.List) == 12 {
		month = m.List[t.Month()-1]
	}
	s, err := c.Text("date.long", strconv.Itoa(t.Day()), month, strconv.Itoa(t.Year()))
	if err != nil {
		return t.Format("2 January 2006")
	}
	return s
}

// Strings returns the texts whose keys start with prefix, with the prefix
// cut, for the scripts of the theme: a text as a string, plural forms as
// an object of forms (which the scripts choose with Intl.PluralRules).
// English stands in for what the language lacks.
func (c *Catalog) Strings(prefix string) map[string]any {
	out := map[string]any{}
	add := func(ms map[string]*Message) {
		for k, m := range ms {
			name, ok := strings.CutPrefix(k, prefix)
			if !ok {
				continue
			}
			switch {
			case m.Forms != nil:
				out[name] = m.Forms
			case m.List != nil:
				out[name] = m.List
			default:
				out[name] = m.Text
			}
		}
	}
	add(c.en)
	add(c.msgs)
	return out
}
