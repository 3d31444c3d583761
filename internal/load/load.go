// Package load reads a site — site.toml and the content directory — from an
// fs.FS into a *site.Site and the diagnostics found on the way.
//
// Each content file is handled on its own: checked to be UTF-8, cut into
// front matter and body, its TOML decoded (BurntSushi/toml), its keys located
// (tomlpos) so that every later problem can name file:line:col, its fields
// moved into typed structs with unknown keys and wrong types reported, and its
// markdown body converted. Files are read and parsed in parallel, one task per
// file, and the results are assembled by one goroutine, in sorted order, into
// the Site.
//
// A Loader keeps each file's result, which depends on that file's bytes and
// the markdown options alone, so that a reload re-parses only the files whose
// bytes changed. Cached results are never modified: assembling a Site makes a
// shallow copy of every entity, and only the copies are resolved by check.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/markdown"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/sitefs"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
	"github.com/ladder-ssg/ladder/internal/urlcheck"
)

// ConfigFile is the name of the site configuration file at the site root.
const ConfigFile = "site.toml"

// Options control loading.
type Options struct {
	Drafts bool // keep entities marked draft = true
}

// Loader loads a site and remembers each file's result for the next load.
// It is safe for use by one goroutine at a time.
type Loader struct {
	opts     markdown.Options
	limits   site.Limits
	conv     *markdown.Converter
	cache    map[string]*fileResult // by slash path from the site root
	files    []string               // content files of the last load, sorted
	haveList bool
	// last holds the results of the last load by position in files, and
	// edited the positions of the files changed since, while the file
	// list is the same; last is nil when it is not. A rebuild after an
	// edit then takes the other files' results from last, instead of
	// looking each one up by path.
	last   []*fileResult
	edited []int
	// contentDir is the content directory of the last load ("" before
	// the first).
	contentDir string
	courses    courseOrder // of the last load
	texts      textsMemo   // of the last load
}

// NewLoader returns an empty Loader.
func NewLoader() *Loader {
	return &Loader{cache: map[string]*fileResult{}}
}

// Dir loads the site in fsys once, without caching.
func Dir(fsys fs.FS, opts Options) (*site.Site, site.Texts, diag.List, error) {
	return NewLoader().Load(fsys, opts, nil)
}

// fileResult is what one content file yields. It is immutable once made.
type fileResult struct {
	lines    *diag.LineIndex
	keys     tomlpos.Index // of the TOML text; nil when it was not read
	entities []site.Entity
	diags    diag.List
	home     bool
}

// Load loads the site in fsys. When changed is nil every file is looked at
// (files whose bytes are unchanged keep their cached result); otherwise only
// the listed slash paths (files or directories, relative to the site root)
// are read again and the rest of the last load is reused.
//
// Beside the site, Load returns the texts of the files it read, which
// the check and the printing of diagnostics need and the pages do not.
//
// The error is for failures to read (a missing site, an unreadable
// directory); problems in the content are diagnostics.
func (l *Loader) Load(fsys fs.FS, opts Options, changed []string) (*site.Site, site.Texts, diag.List, error) {
	var diags diag.List
	cfg, cfgText, err := loadConfig(fsys, &diags)
	if err != nil {
		return nil, nil, nil, err
	}
	if mo := (markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}); l.conv == nil || mo != l.opts || cfg.Limits != l.limits {
		l.opts, l.conv, l.limits = mo, markdown.New(mo), cfg.Limits
		l.cache = map[string]*fileResult{}
		l.last = nil
	}
	contentDir := path.Clean(cfg.ContentDir)
	l.contentDir = contentDir
	if changed == nil || !l.haveList || touches(changed, ConfigFile) {
		files, err := listFiles(fsys, contentDir)
		if err != nil {
			return nil, nil, nil, err
		}
		slices.Sort(files) // by full path, for the binary search of applyChanges
		l.files, l.haveList = files, true
		changed = nil
	} else if err := l.applyChanges(fsys, contentDir, changed); err != nil {
		return nil, nil, nil, err
	}
	if n := cfg.Limits.Entities; len(l.files) > n {
		// Refuse before reading any of them: see checkEntities.
		diags.Add("limit", diag.Pos{File: l.files[n], Line: 1, Col: 1}, "split the site, "+raise("entities", 2*n),
			"more content files than the limit of %d entities", n)
		l.files, l.haveList = nil, false
	}

	results, err := l.parseAll(fsys, contentDir, changed)
	if err != nil {
		l.haveList, l.last = false, nil
		return nil, nil, nil, err
	}
	l.last = results
	checkEntities(results, cfg.Limits.Entities, &diags)

	s := &site.Site{Config: cfg}
	texts := l.texts.make(l.files, results, cfgText)
	assemble(s, results, opts, &diags, &l.courses)
	return s, texts, diags, nil
}

// touches reports whether the change list names p.
func touches(changed []string, p string) bool {
	for _, c := range changed {
		if c == p {
			return true
		}
	}
	return false
}

// applyChanges updates the file list for the changed paths.
func (l *Loader) applyChanges(fsys fs.FS, contentDir string, changed []string) error {
	// The common case, an edited file that was there before and still is,
	// leaves the file list as it is.
	l.edited = l.edited[:0]
	edited := true
	for _, c := range changed {
		c = path.Clean(c)
		if c != contentDir && !strings.HasPrefix(c, contentDir+"/") {
			continue
		}
		i, found := slices.BinarySearch(l.files, c)
		if !found {
			edited = false
			break
		}
		l.edited = append(l.edited, i)
		if info, err := fs.Stat(fsys, c); err != nil || !info.Mode().IsRegular() {
			edited = false
			break
		}
	}
	if edited {
		for _, c := range changed {
			delete(l.cache, path.Clean(c))
		}
		return nil
	}
	l.last = nil
	set := make(map[string]bool, len(l.files))
	for _, f := range l.files {
		set[f] = true
	}
	for _, c := range changed {
		c = path.Clean(c)
		if c != contentDir && !strings.HasPrefix(c, contentDir+"/") {
			continue
		}
		for f := range set {
			if f == c || strings.HasPrefix(f, c+"/") {
				delete(set, f)
			}
		}
		delete(l.cache, c)
		info, err := fs.Stat(fsys, c)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return fmt.Errorf("stat %s: %w", c, err)
		case info.IsDir():
			files, err := listFiles(fsys, c)
			if err != nil {
				return err
			}
			for _, f := range files {
				set[f] = true
				delete(l.cache, f)
			}
		case isContentFile(c):
			set[c] = true
		}
	}
	l.files = l.files[:0]
	for f := range set {
		l.files = append(l.files, f)
	}
	sort.Strings(l.files)
	return nil
}

// isContentFile reports whether a file name is a content file (markdown or
// TOML, not hidden, not an editor's temporary file).
func isContentFile(p string) bool {
	base := path.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") {
		return false
	}
	ext := path.Ext(base)
	return ext == ".md" || ext == ".toml"
}

// listFiles returns the content files under dir, sorted.
func listFiles(fsys fs.FS, dir string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return fmt.Errorf("read %s: %w", p, err)
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if isContentFile(p) {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// checkEntities reports a site of more entities than the limit, at the
// file where the count goes over it.
//
// Example: a million generated course files. Discussion: every entity is
// held in memory, checked and rendered; the limit turns a site far larger
// than any real framework into one error instead of a machine out of memory.
func checkEntities(results []*fileResult, limit int, diags *diag.List) {
	n := 0
	for _, r := range results {
		n += len(r.entities)
		if n > limit {
			diags.Add("limit", r.lines.Pos(0, 0), "split the site, "+raise("entities", 2*limit),
				"the site holds more than the limit of %d entities", limit)
			return
		}
	}
}

// parseAll parses the files that are not cached (all of them when changed is
// nil, keeping results whose bytes are the same), in parallel. The error is
// the first file that cannot be read (by path): a failure of the disk, not
// of the content, which no diagnostic could point into. A file that is gone
// (removed since the directory was listed) yields nothing.
func (l *Loader) parseAll(fsys fs.FS, contentDir string, changed []string) ([]*fileResult, error) {
	var results []*fileResult
	var todo []int
	if changed != nil && l.last != nil && len(l.last) == len(l.files) {
		// The same files as last time, some of them edited.
		results = slices.Clone(l.last)
		todo = slices.Compact(slices.Sorted(slices.Values(l.edited)))
	} else {
		results = make([]*fileResult, len(l.files))
		for i, f := range l.files {
			if r, ok := l.cache[f]; ok && changed != nil {
				results[i] = r
				continue
			}
			todo = append(todo, i)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(l.files))
	work := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f := l.files[i]
				text, err := readLimited(fsys, f, int64(l.limits.FileSize))
				if err != nil {
					results[i] = &fileResult{lines: diag.NewLineIndex(f, nil)}
					if !errors.Is(err, fs.ErrNotExist) {
						errs[i] = readError(f, err)
					}
					continue
				}
				if old, ok := l.cache[f]; ok && bytes.Equal(old.lines.Text(), text) {
					results[i] = old
					continue
				}
				results[i] = parseFile(l.conv, l.limits, contentDir, f, text)
			}
		}()
	}
	for _, i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, i := range todo {
		l.cache[l.files[i]] = results[i]
	}
	return results, nil
}

// readError describes a content file that cannot be read, and what to
// do about it when it is a matter of permissions.
func readError(f string, err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok && pe.Path == f {
		err = pe.Err // the path is said already
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("read %s: %w (give ladder permission to read it, or move it out of the content directory)", f, err)
	}
	return fmt.Errorf("read %s: %w", f, err)
}

// kindOf classifies a content file by its place under the content directory.
// It returns the kind of entity it holds, whether it is the home page (a
// page), and, for a level, its track id; KindNone for a file in no place.
func kindOf(rel string) (kind site.Kind, home bool, track string) {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch {
	case len(parts) == 1 && stem == "_index":
		return site.KindPage, true, ""
	case len(parts) == 3 && parts[0] == "tracks" && stem == "_index":
		return site.KindTrack, false, parts[1]
	case len(parts) == 3 && parts[0] == "tracks":
		return site.KindLevel, false, parts[1]
	case len(parts) == 2 && parts[0] == "competencies":
		return site.KindCompetency, false, ""
	case len(parts) == 2 && parts[0] == "courses":
		return site.KindCourse, false, ""
	case len(parts) == 2 && parts[0] == "programs":
		return site.KindProgram, false, ""
	case len(parts) == 2 && parts[0] == "pages":
		return site.KindPage, false, ""
	case len(parts) == 2 && parts[0] == "plans":
		return site.KindPlan, false, ""
	}
	return site.KindNone, false, ""
}

// parseFile turns one content file into entities and diagnostics. text
// is at most lim.FileSize+1 bytes (see readLimited).
func parseFile(conv *markdown.Converter, lim site.Limits, contentDir, file string, text []byte) *fileResult {
	lines := diag.NewLineIndex(file, text)
	r := &fileResult{lines: lines}
	if int64(len(text)) > int64(lim.FileSize) {
		r.diags.Add("limit", lines.Pos(0, 0), "split it into smaller files, "+raise("file_size", sizeValue(2*lim.FileSize)),
			"file is larger than the limit of %s", lim.FileSize)
		return r
	}
	if !utf8.Valid(text) {
		i := invalidUTF8(text)
		r.diags.Add("not-utf8", lines.Pos(i, i+1), "save the file with UTF-8 encoding", "file is not valid UTF-8")
		return r
	}
	rel := strings.TrimPrefix(file, contentDir+"/")
	kind, home, track := kindOf(rel)
	if kind == site.KindNone {
		r.diags.Add("unexpected-file", lines.Pos(0, 0), "move it to tracks/<track>/, competencies/, courses/, programs/, plans/ or pages/ under the content directory",
			"content file in an unexpected place")
		return r
	}
	r.home = home
	stem := strings.TrimSuffix(path.Base(file), path.Ext(file))
	isTOML := path.Ext(file) == ".toml"

	var fm frontMatter
	if isTOML {
		fm = frontMatter{tomlStart: 0, tomlEnd: len(text), bodyStart: len(text), open: true}
		if bytes.HasPrefix(text, []byte("\xef\xbb\xbf")) {
			fm.tomlStart = 3
		}
	} else {
		var serr *splitError
		fm, serr = split(text)
		if serr != nil {
			r.diags.Add("front-matter", lines.Pos(serr.start, serr.end), serr.hint, "%s", serr.msg)
			return r
		}
	}
	tomlText := text[fm.tomlStart:fm.tomlEnd]
	table := map[string]any{}
	if !checkTOML(lines, tomlText, fm.tomlStart, lim, false, &r.diags) {
		return r
	}
	if fm.open {
		// Pad with newlines so that BurntSushi/toml's line numbers are the
		// file's own.
		padded := make([]byte, 0, len(tomlText)+lines.Pos(fm.tomlStart, fm.tomlStart).Line)
		for range lines.Pos(fm.tomlStart, fm.tomlStart).Line - 1 {
			padded = append(padded, '\n')
		}
		padded = append(padded, tomlText...)
		if _, err := toml.NewDecoder(bytes.NewReader(padded)).Decode(&table); err != nil {
			r.diags.Append(tomlError(lines, tomlText, fm.tomlStart, len(padded)-len(tomlText), err))
			return r
		}
	}
	r.keys = tomlpos.Scan(tomlText)
	src := site.Source{Origin: site.Origin{File: file, Base: fm.tomlStart}, Lines: lines, Keys: r.keys}

	var body site.Body
	if !isTOML && fm.bodyStart < len(text) && checkBody(lines, text, fm.bodyStart, lim, &r.diags) {
		b, err := conv.Convert(blankExcept(text, fm.bodyStart), lines)
		if err != nil {
			r.diags.Add("markdown", lines.Pos(fm.bodyStart, fm.bodyStart), "", "cannot convert markdown: %v", err)
		}
		body = b
	}

	if isTOML && (kind == site.KindCompetency || kind == site.KindCourse || kind == site.KindProgram) {
		if items, ok := table[kind.String()]; ok {
			r.entities = catalogue(conv, kind, table, items, src, &r.diags)
			return r
		}
	}
	ent := newEntity(kind)
	what := kind.String()
	if home {
		what = "home"
	}
	d := &decoder{src: &src, diags: &r.diags, kind: what}
	d.table(table, "", reflect.ValueOf(ent).Elem(), "id")
	c := ent.Base()
	c.ID = stem
	if kind == site.KindTrack {
		c.ID = track
	}
	if id, ok := table["id"]; ok && kind != site.KindTrack && !home {
		if s, isStr := id.(string); isStr {
			c.ID = s
		} else {
			d.mismatch("id", id, "a string")
		}
	}
	inlines(conv, ent, &src, &body, &r.diags)
	given(ent, table)
	c.Src, c.Body = src.Origin, body
	if kind == site.KindLevel {
		lv := ent.(*site.Level)
		lv.TrackID = track
		lv.Full = track + "/" + c.ID
		if lv.Path == "" {
			lv.Path = "ic"
		}
		checkRank(lv, src, table["rank"], &r.diags)
	}
	if !home {
		checkID(c, src, kind, table, &r.diags)
	}
	r.entities = []site.Entity{ent}
	return r
}

// inlines converts the inline markdown of a level's expectations (or a
// course's skills): each criterion and example; and the text of each goal
// of a plan template. Their links join the entity's body links, at the
// position of their text, so that check resolves and checks them like the
// body's.
func inlines(conv *markdown.Converter, ent site.Entity, src *site.Source, body *site.Body, diags *diag.List) {
	var es []site.Expectation
	switch x := ent.(type) {
	case *site.Level:
		es = x.Expectations
	case *site.Course:
		es = x.Skills
	case *site.Plan:
		for i := range x.Goals {
			g := &x.Goals[i]
			if g.Text == "" {
				continue
			}
			pos := src.Value(fmt.Sprintf("goals[%d].text", i))
			html, plain, links, urls, err := conv.Inline(g.Text, pos)
			if err != nil {
				diags.Add("markdown", pos, "", "cannot convert markdown: %v", err)
				continue
			}
			g.Desc = site.Inline{Text: g.Text, HTML: html, Plain: plain}
			body.Links = append(body.Links, links...)
			body.URLs = append(body.URLs, urls...)
		}
	}
	for i := range es {
		e := &es[i]
		for _, list := range []struct {
			key   string
			items []site.Inline
		}{{"expect", e.Expect}, {"examples", e.Examples}} {
			for j := range list.items {
				key := e.Key + "." + list.key
				if src.Has(key+"[0]") || list.key == "examples" {
					key = fmt.Sprintf("%s[%d]", key, j)
				}
				pos := src.Value(key)
				html, plain, links, urls, err := conv.Inline(list.items[j].Text, pos)
				if err != nil {
					diags.Add("markdown", pos, "", "cannot convert markdown: %v", err)
					continue
				}
				list.items[j].HTML, list.items[j].Plain = html, plain
				body.Links = append(body.Links, links...)
				body.URLs = append(body.URLs, urls...)
			}
		}
	}
}

// checkBody reports a markdown body that is larger, or nests deeper, than
// the limits, and reports whether it may be converted.
//
// Example: a list nested 2,000 deep. Discussion: the markdown parser's time
// grows with the square of the nesting (40 seconds for that list); the
// size and depth are measured in one pass before it runs.
func checkBody(lines *diag.LineIndex, text []byte, start int, lim site.Limits, diags *diag.List) bool {
	if size := site.ByteSize(len(text) - start); size > lim.BodySize {
		diags.Add("limit", lines.Pos(start, start), "split the page, "+raise("body_size", sizeValue(2*lim.BodySize)),
			"markdown body is larger than the limit of %s", lim.BodySize)
		return false
	}
	if d, at := markdown.Depth(text[start:], lim.MarkdownDepth); d > lim.MarkdownDepth {
		diags.Add("limit", lines.Pos(start+at, start+at+1), "flatten the lists and block quotes, "+raise("markdown_depth", 2*lim.MarkdownDepth),
			"markdown nested deeper than the limit of %d", lim.MarkdownDepth)
		return false
	}
	return true
}

// catalogue decodes a [[kind]] array of tables.
func catalogue(conv *markdown.Converter, kind site.Kind, table map[string]any, items any, src site.Source, diags *diag.List) []site.Entity {
	for k := range table {
		if k != kind.String() {
			diags.Add("unknown-key", src.Key(tomlpos.Join(k)), fmt.Sprintf("a catalogue file holds only [[%s]] tables", kind),
				"unknown key %q in %s catalogue", k, kind)
		}
	}
	list, ok := items.([]map[string]any)
	if !ok {
		diags.Add("type-mismatch", src.Value(kind.String()), fmt.Sprintf("write each entry as a [[%s]] table", kind), "%s must be an array of tables", kind)
		return nil
	}
	var out []site.Entity
	for i, m := range list {
		s := src
		s.Prefix = fmt.Sprintf("%s[%d]", kind, i)
		ent := newEntity(kind)
		d := &decoder{src: &s, diags: diags, kind: kind.String()}
		d.table(m, "", reflect.ValueOf(ent).Elem(), "id")
		c := ent.Base()
		c.Src = s.Origin
		if comp, ok := ent.(*site.Competency); ok {
			comp.Seq = i
		}
		inlines(conv, ent, &s, &c.Body, diags)
		given(ent, m)
		id, isStr := m["id"].(string)
		if !isStr {
			if _, present := m["id"]; present {
				d.mismatch("id", m["id"], "a string")
			} else {
				diags.Add("missing-key", s.Start(), `add id = "..." to every entry of a catalogue`, "missing required key \"id\" in %s", kind)
			}
			continue
		}
		c.ID = id
		checkID(c, s, kind, m, diags)
		out = append(out, ent)
	}
	return out
}

// given records in ent which of its optional values table states, where
// the zero value means something of its own.
func given(ent site.Entity, table map[string]any) {
	if c, ok := ent.(*site.Course); ok {
		_, c.CostGiven = table["cost"]
	}
}

// checkID reports an id that is not lower-case [a-z0-9-]+.
//
// Example: content/courses/Secure_Coding.md. Discussion: ids appear in URLs
// and in references typed by people; one spelling keeps both predictable.
func checkID(c *site.Common, src site.Source, kind site.Kind, table map[string]any, diags *diag.List) {
	if ValidID(c.ID) {
		return
	}
	pos := src.Start()
	if _, ok := table["id"]; ok {
		pos = src.Value("id")
	}
	hint := "use lower-case letters, digits and hyphens"
	if s := SuggestID(c.ID); s != "" {
		hint = fmt.Sprintf("rename it %q", s)
	}
	diags.Add("invalid-id", pos, hint, "invalid %s id %q", kind, c.ID)
}

// checkRank reports a level's rank below 1. A rank that is not an integer
// at all has been reported by the decoder already, and is not reported again.
//
// Example: rank = 0. Discussion: ranks count from the bottom of the ladder,
// which is 1; the ladder is drawn, and promotions default, by rank.
func checkRank(lv *site.Level, src site.Source, rank any, diags *diag.List) {
	if isInteger(rank) && lv.Rank < 1 {
		diags.Add("rank-range", src.Value("rank"), "ranks start at 1, at the bottom of the ladder", "rank must be 1 or more, not %d", lv.Rank)
	}
}

// newEntity returns a new entity of a kind.
func newEntity(kind site.Kind) site.Entity {
	switch kind {
	case site.KindTrack:
		return &site.Track{}
	case site.KindLevel:
		return &site.Level{}
	case site.KindCompetency:
		return &site.Competency{}
	case site.KindCourse:
		return &site.Course{}
	case site.KindProgram:
		return &site.Program{}
	case site.KindPlan:
		return &site.Plan{}
	}
	return &site.Page{}
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8(text []byte) int {
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(text)
}

// tomlError converts a TOML decoding error to a diagnostic at its position.
// text is the TOML text, start its offset in the file, and pad the number
// of newlines put before it for the decoder.
func tomlError(lines *diag.LineIndex, text []byte, start, pad int, err error) diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		off := start + pe.Position.Start - pad
		msg := pe.Message
		if msg == "" {
			msg = err.Error()
		}
		d := diag.Diagnostic{Pos: lines.Pos(off, off+max(1, pe.Position.Len)), Severity: diag.Error, Rule: "toml-syntax",
			Msg: "invalid TOML: " + msg, Hint: strings.TrimSpace(firstLine(pe.Usage))}
		key, at := pe.LastKey, off-start
		if key == "" && at >= 0 && at+pe.Position.Len <= len(text) {
			key = string(text[at : at+pe.Position.Len]) // a table header: the decoder names no key
		}
		if first, ok := firstDefinition(text, key, at); ok {
			d.Msg, d.Hint = fmt.Sprintf("duplicate key %q", key), "remove one of the two, or merge them"
			d.Notes = []diag.Diagnostic{{Pos: lines.Pos(start+first.Start, start+first.End), Severity: diag.Error,
				Msg: fmt.Sprintf("%s is first defined here", key)}}
		}
		return d
	}
	return diag.Diagnostic{Pos: lines.Pos(start, start), Severity: diag.Error, Rule: "toml-syntax", Msg: "invalid TOML: " + err.Error()}
}

// firstDefinition returns where key path key is first written in TOML
// text, when the decoder stopped at another place that writes the same key
// (at offset at): a key defined twice. The text before at is scanned, so
// that the definition found is an earlier one.
func firstDefinition(text []byte, key string, at int) (tomlpos.Span, bool) {
	if key == "" || at < 0 || at > len(text) {
		return tomlpos.Span{}, false
	}
	e, ok := tomlpos.Scan(text[:at])[key]
	if !ok || e.Key.End > at {
		return tomlpos.Span{}, false
	}
	name := text[e.Key.Start:e.Key.End]
	if !bytes.HasPrefix(text[at:], name) {
		return tomlpos.Span{}, false
	}
	return e.Key, true
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Today returns the date a site without a today key in site.toml is built
// for: the local date, as midnight UTC.
func Today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// checkSchemes reports the entries of [links] schemes that cannot be
// allowed, and lower-cases the others.
func checkSchemes(cfg *site.Config, src site.Source, diags *diag.List) {
	for i, s := range cfg.Links.Schemes {
		if err := urlcheck.ValidScheme(s); err != nil {
			hint := `a scheme is a letter followed by letters, digits, "+", "-" or ".", as in "msteams"`
			if slices.Contains(urlcheck.Forbidden, strings.ToLower(s)) {
				hint = "links with this scheme run scripts or open content the site does not publish; remove it"
			}
			diags.Add("link-scheme", src.Value(fmt.Sprintf("links.schemes[%d]", i)), hint, "%v in [links] schemes", err)
			continue
		}
		cfg.Links.Schemes[i] = strings.ToLower(s)
	}
}

// checkIgnore reports the entries of [check] ignore that are not rule ids,
// or that name a rule reporting only errors, and leaves them out.
//
// Example: ignore = ["unused-courses", "unknown-key"]. Discussion: an
// ignored warning is a decision the site makes about its own content; an
// error means the site cannot be built as written, so it cannot be
// ignored, and a misspelt id would otherwise silently ignore nothing.
func checkIgnore(cfg *site.Config, src site.Source, diags *diag.List) {
	var ids, warns []string
	for _, r := range diag.Rules() {
		ids = append(ids, r.ID)
		if diag.Ignorable(r.ID) {
			warns = append(warns, r.ID)
		}
	}
	kept := cfg.Check.Ignore[:0:0]
	for i, id := range cfg.Check.Ignore {
		pos := src.Value(fmt.Sprintf("check.ignore[%d]", i))
		switch {
		case diag.Ignorable(id):
			kept = append(kept, id)
		case slices.Contains(ids, id):
			diags.Add("check-ignore", pos, "only warnings can be ignored: "+strings.Join(warns, ", "),
				"rule %q in [check] ignore reports errors, which cannot be ignored", id)
		default:
			hint := "only warnings can be ignored: " + strings.Join(warns, ", ")
			if s := diag.Suggest(id, ids); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			diags.Add("check-ignore", pos, hint, "unknown rule %q in [check] ignore", id)
		}
	}
	cfg.Check.Ignore = kept
}

// plural returns one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// loadConfig reads and decodes site.toml, filling defaults.
func loadConfig(fsys fs.FS, diags *diag.List) (site.Config, site.FileText, error) {
	text, err := readLimited(fsys, ConfigFile, ConfigSize)
	if prob := (*sitefs.Problem)(nil); errors.As(err, &prob) {
		// site.toml is a link that leaves the site or leads nowhere: an
		// error at its path, and the defaults apply, as for a file that
		// does not decode.
		diags.Add("site-file", diag.Pos{File: ConfigFile, Line: 1, Col: 1},
			"copy the file or folder into the site instead of linking to it: nothing from outside the site is published", "%v", prob)
		text, err = nil, nil
	}
	if err != nil {
		return site.Config{}, site.FileText{}, fmt.Errorf("read %s: %w (run ladder in a site directory, or give --src DIR; ladder init DIR creates one)", ConfigFile, err)
	}
	lines := diag.NewLineIndex(ConfigFile, text)
	ft := site.FileText{Lines: lines}
	cfg := site.Config{}
	switch {
	case len(text) > ConfigSize:
		diags.Add("limit", lines.Pos(0, 0), "site.toml holds settings; move large data into content files",
			"site.toml is larger than the limit of %s", site.ByteSize(ConfigSize))
	case !utf8.Valid(text):
		i := invalidUTF8(text)
		diags.Add("not-utf8", lines.Pos(i, i+1), "save the file with UTF-8 encoding", "file is not valid UTF-8")
	case !checkTOML(lines, text, 0, DefaultLimits, true, diags):
		// Reported: not decoded, and the defaults apply.
	default:
		table := map[string]any{}
		if _, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&table); err != nil {
			diags.Append(tomlError(lines, text, 0, 0, err))
		} else {
			ft.Keys = tomlpos.Scan(text)
			src := site.Source{Origin: site.Origin{File: ConfigFile}, Lines: lines, Keys: ft.Keys}
			d := &decoder{src: &src, diags: diags, kind: ConfigFile}
			d.table(table, "", reflect.ValueOf(&cfg).Elem())
			cfg.Src = src.Origin
			checkSchemes(&cfg, src, diags)
			checkIgnore(&cfg, src, diags)
			checkLimits(&cfg, src, table, diags)
			checkBaseURL(&cfg, src, diags)
			checkReleases(fsys, &cfg, src, diags)
		}
	}
	cfg.Limits = withDefaults(cfg.Limits)
	if cfg.BaseURL == "" {
		cfg.BaseURL = "/"
	}
	if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	}
	if cfg.Theme == "" {
		cfg.Theme = "default"
	}
	if cfg.ContentDir == "" {
		cfg.ContentDir = "content"
	}
	if cfg.OutputDir == "" {
		cfg.OutputDir = "build"
	}
	if cfg.Title == "" {
		cfg.Title = "Careers"
	}
	if len(cfg.Scale.Names) == 0 {
		cfg.Scale.Names = []string{"Awareness", "Foundational", "Proficient", "Advanced", "Expert"}
	}
	if d, n := len(cfg.Scale.Descriptions), len(cfg.Scale.Names); d > 0 && d != n {
		// Example: five names and four descriptions. Discussion: each
		// description belongs to the name at its place; a missing or an
		// extra one shifts every description after it.
		diags.Add("scale-range", site.Texts{ConfigFile: ft}.Of(cfg.Src).Value("scale.descriptions"), "write one description per name of [scale] names, in the same order",
			"[scale] has %d %s for %d %s", d, plural(d, "description", "descriptions"), n, plural(n, "point", "points"))
		cfg.Scale.Descriptions = nil
	}
	if cfg.Today.IsZero() {
		cfg.Today = Today()
	} else {
		y, m, d := cfg.Today.Date()
		cfg.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return cfg, ft, nil
}
