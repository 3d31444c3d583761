package pipeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
)

// TestUpdateMatchesCompile edits a copy of the example site step by step,
// as a person at the dev server would, and takes in each change the way
// the dev server does: by compiling again with the same loader, which
// reads only the changed paths and keeps the parse of every other file.
// After every step the site must draw exactly what a fresh compilation of
// the files draws, page for page, with the same warnings, or the same
// errors to the letter.
func TestUpdateMatchesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site once per step")
	}
	ds := newDevSession(t, true)
	dir := ds.dir

	const (
		sde2    = "content/tracks/software/sde-2.md"
		sde3    = "content/tracks/software/sde-3.md"
		secure  = "content/courses/secure-coding.md"
		surge   = "content/programs/surge2it.md"
		coding  = "content/competencies/coding.md"
		catalog = "content/courses/surge2it-catalogue.toml"
		home    = "content/_index.md"
		about   = "content/pages/about.md"
		track   = "content/tracks/software/_index.md"
		newFile = "content/courses/new-course.md"
	)
	steps := []struct {
		name   string
		file   string
		edit   func(string) string // nil deletes the file
		errors bool                // the change leaves the site with errors
	}{
		{"level body", sde2, appendText("\nA new closing line.\n"), false},
		{"same bytes", sde2, func(s string) string { return s }, false},
		{"level requires another course", sde2, replace(`required_courses = ["system-design-fundamentals"]`, `required_courses = ["secure-coding", "system-design-fundamentals", "secure-coding"]`), false},
		{"level promotes to one level only", sde2, replace(`next = ["sde-3", "sdm-1"]`, `next = ["sde-3"]`), false},
		{"level drops a competency", sde2, replace("leadership = 2\n", ""), false},
		{"level title", sde2, replace(`title = "Software Development Engineer II"`, `title = "Software Engineer II"`), false},
		{"level default promotion", sde2, replace(`next = ["sde-3"]`+"\n", ""), false},
		{"course prerequisite and skill", secure, replace("coding = 2", "coding = 3\nsystem-design = 1").then(replace(`currency = "USD"`, `currency = "USD"`+"\n"+`prerequisites = ["cloud-fundamentals"]`)), false},
		{"program targets and courses", surge, replace(`, "cloud-support/associate"]`, `]`).then(replace(`"interviewing"]`, `"interviewing", "secure-coding"]`)), false},
		{"program eligibility", surge, replace(`tracks = ["it-support"]`, `tracks = ["it-support", "software"]`), false},
		{"competency descriptor", coding, replace("Reads simple code", "Reads and explains simple code"), false},
		{"course url with javascript:", secure, replace(`currency = "USD"`, `currency = "USD"`+"\n"+`url = "javascript:alert(1)"`), true},
		{"course url fixed", secure, replace(`url = "javascript:alert(1)"`, `url = "https://lms.example.com/secure"`), false},
		{"competency esco without a scheme", coding, replace(`category = "Technical"`, `category = "Technical"`+"\n"+`esco = "data.europa.eu/esco/skill/x"`), true},
		{"competency esco fixed", coding, replace(`esco = "data.europa.eu/esco/skill/x"`, `esco = "http://data.europa.eu/esco/skill/x"`), false},
		{"body link with javascript:", about, appendText("\n[Click](javascript:alert(1)).\n"), true},
		{"body link fixed", about, replace("(javascript:alert(1))", "(https://example.com/)"), false},
		{"catalogue entry", catalog, replace("hours = 5\n", "hours = 7\n"), false},
		{"home page", home, replace("Welcome!", "Welcome to your careers site!"), false},
		{"free page", about, appendText("\nOne more paragraph.\n"), false},
		{"track summary", track, appendText("\nMore about the track.\n"), false},
		{"course title", secure, replace(`title = "Secure coding"`, `title = "Zero-trust secure coding"`), false},
		{"program title", surge, replace(`title = "Surge2IT"`, `title = "Academy: Surge2IT"`), false},
		{"competency category", coding, replace(`category = "Technical"`, `category = "Craft"`), false},
		{"page title", about, replace(`title = "`, `title = "Zz `), false},
		{"home title", home, replace(`title = "Grow your career at Example Co"`, `title = "Careers"`), false},
		{"track title", track, replace(`title = "`, `title = "A `), false},
		{"course without a title", secure, replace(`title = "Zero-trust secure coding"`, `title = ""`), true},
		{"course title back", secure, replace(`title = ""`, `title = "Secure coding"`), false},
		{"level rank", sde3, replace("rank = 3", "rank = 4"), false},
		{"unknown course", sde2, replace(`required_courses = [`, `required_courses = ["no-such-course", `), true},
		{"fixed", sde2, replace(`"no-such-course", `, ``), false},
		{"promotion loop", sde3, replace("min_months = 24", "min_months = 24\nnext = [\"sde-2\"]"), true},
		{"loop removed", sde3, replace("\nnext = [\"sde-2\"]", ""), false},
		{"course id misspelt", sde2, replace(`required_courses = [`, `required_courses = ["secure-codng", `), true},
		{"spelling fixed", sde2, replace(`"secure-codng", `, ``), false},
		{"unknown course again", sde2, replace(`required_courses = [`, `required_courses = ["no-such-course", `), true},
		{"another file meanwhile", about, appendText("\nWritten while the site had an error.\n"), true},
		{"fixed, with the other file", sde2, replace(`"no-such-course", `, ``), false},
		{"broken front matter", sde2, replace("rank = 2\n", "rank = \n"), true},
		{"front matter fixed", sde2, replace("rank = \n", "rank = 2\n"), false},
		{"level draft", sde3, replace("rank = 4", "rank = 4\ndraft = true"), false},
		{"level body again", sde2, appendText("\nAnother line.\n"), false},
		{"layout override", "layouts/404.html", func(string) string { return "{{define \"main\"}}<h1>Lost</h1>{{end}}\n" }, false},
		{"static file", "static/robots.txt", func(string) string { return "User-agent: *\n" }, false},
		{"layout edited again", "layouts/404.html", appendText("<!-- -->\n"), false},
		{"partial override", "layouts/partials/footer.html", func(string) string { return "<footer>Our own footer</footer>\n" }, false},
		{"partial override removed", "layouts/partials/footer.html", nil, false},
		{"brand colour", "site.toml", appendText("\n[brand]\ncolor = \"#0a58a8\"\n"), false},
		{"brand colour changed", "site.toml", replace(`color = "#0a58a8"`, `color = "#8a1c1c"`), false},
		{"site's own text", "i18n/en.toml", func(string) string { return "[level]\nwhere = \"Where you are\"\n" }, false},
		{"site's text changed", "i18n/en.toml", replace("Where you are", "Where you stand"), false},
		{"site's text broken", "i18n/en.toml", replace(`"Where you stand"`, `"Where you stand`), true},
		{"site's text fixed", "i18n/en.toml", replace(`"Where you stand`, `"Where you stand"`), false},
		{"site's text removed", "i18n/en.toml", nil, false},
		{"new course", newFile, func(string) string {
			return "+++\ntitle = \"A new course\"\nprerequisites = [\"secure-coding\"]\n[skills]\ncoding = 3\n+++\nAfter [secure coding](course:secure-coding).\n"
		}, false},
		{"level requires the new course", sde2, replace(`required_courses = [`, `required_courses = ["new-course", `), false},
		{"new program", "content/programs/new-program.md", func(string) string {
			return "+++\ntitle = \"Night school\"\nkind = \"academy\"\ncourses = [\"new-course\", \"secure-coding\"]\nleads_to = [\"software/sde-3\"]\n[eligibility]\nlevels = [\"software/sde-2\"]\n+++\nEvenings.\n"
		}, false},
		{"new competency", "content/competencies/writing.md", func(string) string {
			return "+++\ntitle = \"Writing\"\ncategory = \"Craft\"\n[levels]\n1 = \"Writes notes.\"\n+++\n"
		}, false},
		{"new page", "content/pages/faq.md", func(string) string {
			return "+++\ntitle = \"FAQ\"\norder = 1\n+++\nSee [the course](course:new-course).\n"
		}, false},
		{"new catalogue", "content/courses/more.toml", func(string) string {
			return "[[course]]\nid = \"more-one\"\ntitle = \"More one\"\nprerequisites = [\"new-course\"]\n\n[[course]]\nid = \"more-two\"\ntitle = \"More two\"\n"
		}, false},
		{"new course with a taken id", "content/courses/again.toml", func(string) string { return "[[course]]\nid = \"more-one\"\ntitle = \"Again\"\n" }, true},
		{"taken id removed", "content/courses/again.toml", nil, false},
		{"new level at the top", "content/tracks/software/sde-9.md", func(string) string { return "+++\ntitle = \"SDE IX\"\nrank = 9\n+++\n" }, false},
		{"new level in between", "content/tracks/software/sde-1b.md", func(string) string {
			return "+++\ntitle = \"SDE I-B\"\nrank = 2\npath = \"ic\"\nrequired_courses = [\"secure-coding\"]\nmoves = [\"it-support/engineer\"]\n[competencies]\ncoding = 2\n+++\n"
		}, true}, // rank 2 is taken
		{"new level in between, free rank", "content/tracks/software/sde-1b.md", replace("rank = 2", "rank = 3"), false},
		{"new level on a new path", "content/tracks/software/staff.md", func(string) string {
			return "+++\ntitle = \"Staff\"\nrank = 1\npath = \"staff\"\nnext = [\"sde-9\"]\n+++\nSee [the top](level:sde-9).\n"
		}, false},
		{"level removed while linked to", "content/tracks/software/sde-9.md", nil, true},
		{"level back", "content/tracks/software/sde-9.md", func(string) string { return "+++\ntitle = \"SDE IX\"\nrank = 9\n+++\n" }, false},
		{"path removed", "content/tracks/software/staff.md", nil, false},
		{"top level removed", "content/tracks/software/sde-9.md", nil, false},
		{"level promoting by default removed", "content/tracks/software/sde-1b.md", nil, false},
		{"new page with a reserved slug", "content/pages/search.md", func(string) string { return "+++\ntitle = \"Search\"\n+++\n" }, true},
		{"reserved slug removed", "content/pages/search.md", nil, false},
		{"catalogue removed", "content/courses/more.toml", nil, false},
		{"course removed while a level requires it", newFile, nil, true},
		{"course back", newFile, func(string) string { return "+++\ntitle = \"A new course\"\n+++\n" }, false},
		{"page removed", "content/pages/faq.md", nil, false},
		{"program removed", "content/programs/new-program.md", nil, false},
		{"competency removed", "content/competencies/writing.md", nil, false},
		{"linked course removed", secure, nil, true},
	}
	for _, st := range steps {
		path := filepath.Join(dir, filepath.FromSlash(st.file))
		if st.edit == nil {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		} else {
			old, _ := os.ReadFile(path)
			text := st.edit(string(old))
			if st.name != "same bytes" && text == string(old) {
				t.Fatalf("%s: the edit changed nothing", st.name)
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ds.take(st.file)
		if errs := ds.matchesFresh(st.name); errs != st.errors {
			t.Fatalf("%s: the change left errors: %v, want %v", st.name, errs, st.errors)
		}
	}
}

// edit is a change to a file's text.
type edit func(string) string

// then chains two edits.
func (e edit) then(f edit) edit { return func(s string) string { return f(e(s)) } }

// replace replaces the first old with new.
func replace(old, new string) edit {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// appendText adds text at the end.
func appendText(text string) edit {
	return func(s string) string { return s + text }
}

// onlyErrors returns the errors of a list.
func onlyErrors(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// formatDiags prints diagnostics as the terminal shows them.
func formatDiags(l diag.List, src diag.Sources) string {
	var b strings.Builder
	diag.WriteText(&b, l, src, diag.TextOptions{})
	return b.String()
}

// TestUpdateRandomEdits makes many random edits to the references of the
// example site's levels, courses and programs — the lists of courses,
// moves, targets, prerequisites and links in bodies — and adds courses and
// levels, moves whole folders away and back (the content directory, a
// track's folder), and requires, after each, that the site taken in the
// dev server's way draws exactly what a fresh compilation draws, with the
// same warnings or the same errors. The edits are
// random but seeded, so a failure repeats; LADDER_UPDATE_SEEDS=N runs N
// seeds instead of one.
func TestUpdateRandomEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site once per step")
	}
	seeds := 1
	if v := os.Getenv("LADDER_UPDATE_SEEDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("LADDER_UPDATE_SEEDS=%q: %v", v, err)
		}
		seeds = n
	}
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprintf("seed %d drafts", seed), func(t *testing.T) { randomEdits(t, seed, true) })
		t.Run(fmt.Sprintf("seed %d no drafts", seed), func(t *testing.T) { randomEdits(t, seed, false) })
	}
}

// randomEdits makes the random edits of one seed.
func randomEdits(t *testing.T, seed uint64, drafts bool) {
	ds := newDevSession(t, drafts)
	dir := ds.dir
	s := ds.prev.Site
	var levels, courses []string
	var levelFiles, courseFiles, programFiles []string
	taken := map[string]bool{} // track/path/rank
	for _, x := range s.Levels {
		levels = append(levels, x.FullID())
		levelFiles = append(levelFiles, x.Src.File)
		taken[fmt.Sprintf("%s/%s/%d", x.TrackID, x.Path, x.Rank)] = true
	}
	for _, x := range s.Courses {
		courses = append(courses, x.ID)
		if x.Src.Prefix == "" {
			courseFiles = append(courseFiles, x.Src.File)
		}
	}
	for _, x := range s.Programs {
		programFiles = append(programFiles, x.Src.File)
	}
	slices.Sort(courses)

	rng := rand.New(rand.NewPCG(seed, 2))
	some := func(ids []string, n int) string {
		var out []string
		for range rng.IntN(n + 1) {
			out = append(out, strconv.Quote(ids[rng.IntN(len(ids))]))
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	const steps = 40
	for step := range steps {
		var file, key, value string
		switch rng.IntN(8) {
		case 7:
			// The content directory moved away and back, as a person
			// does who moves it aside for a moment; then an edit.
			ds.move(fmt.Sprintf("step %d: content moved away", step), "content", "content.away")
			ds.move(fmt.Sprintf("step %d: content moved back", step), "content.away", "content")
			continue
		case 6:
			// A track's folder renamed, then back: its levels' full ids
			// change, and what referred to them breaks for a while.
			track := s.Tracks[rng.IntN(len(s.Tracks))].ID
			from, to := "content/tracks/"+track, fmt.Sprintf("content/tracks/zz-moved-%02d", step)
			ds.move(fmt.Sprintf("step %d: %s renamed", step, from), from, to)
			ds.move(fmt.Sprintf("step %d: %s renamed back", step, from), to, from)
			continue
		case 5:
			// A new level, at a free rank of a path of a track.
			track := s.Tracks[rng.IntN(len(s.Tracks))].ID
			path, rank := []string{"ic", "ic", "mgmt"}[rng.IntN(3)], 1+rng.IntN(9)
			if taken[fmt.Sprintf("%s/%s/%d", track, path, rank)] {
				continue
			}
			taken[fmt.Sprintf("%s/%s/%d", track, path, rank)] = true
			id := fmt.Sprintf("zz-level-%02d", step)
			file = "content/tracks/" + track + "/" + id + ".md"
			text := fmt.Sprintf("+++\ntitle = %q\nrank = %d\npath = %q\nrequired_courses = %s\nmoves = %s\n[competencies]\n%s = %d\n+++\n",
				"Level "+id, rank, path, some(courses, 2), some(levels, 1), s.Competencies[rng.IntN(len(s.Competencies))].ID, 1+rng.IntN(3))
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			levels = append(levels, track+"/"+id)
			key = "(new)"
		case 4:
			// A new course, after every other in id order: its
			// prerequisites are earlier courses, so no cycle forms.
			id := fmt.Sprintf("zz-new-%02d", step)
			file = "content/courses/" + id + ".md"
			text := fmt.Sprintf("+++\ntitle = %q\nprerequisites = %s\n[skills]\n%s = %d\n+++\nSee [a course](course:%s).\n",
				"New "+id, some(courses, 2), s.Competencies[rng.IntN(len(s.Competencies))].ID, 1+rng.IntN(3), courses[rng.IntN(len(courses))])
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			courses = append(courses, id)
			key = "(new)"
		case 0:
			file = levelFiles[rng.IntN(len(levelFiles))]
			key = []string{"required_courses", "optional_courses"}[rng.IntN(2)]
			value = some(courses, 3)
		case 1:
			file = levelFiles[rng.IntN(len(levelFiles))]
			key, value = "moves", some(levels, 2)
		case 2:
			file = courseFiles[rng.IntN(len(courseFiles))]
			// Only courses that do not need this one: no prerequisite
			// cycle.
			id := strings.TrimSuffix(filepath.Base(file), ".md")
			var free []string
			for _, c := range courses {
				if !needs(ds.prev.Site, c, id) {
					free = append(free, c)
				}
			}
			if len(free) == 0 {
				continue
			}
			key, value = "prerequisites", some(free, 2)
		case 3:
			file = programFiles[rng.IntN(len(programFiles))]
			switch rng.IntN(3) {
			case 0:
				key, value = "courses", some(courses, 4)
			case 1:
				key, value = "leads_to", some(levels, 2)
			case 2:
				key, value = "eligibility.levels", some(levels, 2)
			}
		}
		if key != "(new)" {
			path := filepath.Join(dir, filepath.FromSlash(file))
			old, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := setKey(string(old), key, value)
			if rng.IntN(3) == 0 {
				text += fmt.Sprintf("\nSee [a course](course:%s).\n", courses[rng.IntN(len(courses))])
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		name := fmt.Sprintf("step %d: %s %s = %s", step, file, key, value)

		ds.take(file)
		if ds.matchesFresh(name) {
			t.Fatalf("%s: the edit broke the site", name)
		}
	}
}

// TestUpdateFolderMoves moves the content directory away and back, then
// edits a file, and renames a track's folder and back, comparing the site
// with a fresh build after each change.
func TestUpdateFolderMoves(t *testing.T) {
	for _, drafts := range []bool{true, false} {
		ds := newDevSession(t, drafts)
		away := filepath.Join(t.TempDir(), "content")
		ds.move("content moved out of the site", "content", away)
		ds.move("content moved back", away, "content")
		ds.move("content moved aside", "content", "content.away")
		ds.move("content moved back again", "content.away", "content")
		const sde2 = "content/tracks/software/sde-2.md"
		ds.write(sde2, appendText("\nEdited after the move.\n"))
		ds.take(sde2)
		if ds.matchesFresh("edit after the move") {
			t.Fatal("the edit after the move left errors")
		}
		ds.move("track renamed", "content/tracks/software", "content/tracks/software-engineering")
		ds.move("track renamed back", "content/tracks/software-engineering", "content/tracks/software")
		ds.write(sde2, appendText("\nAnd again.\n"))
		ds.take(sde2)
		if ds.matchesFresh("edit after the rename") {
			t.Fatal("the edit after the rename left errors")
		}
	}
}

// TestUpdateDrafts edits drafts in a site built without them: they stay
// out of the site, and a reference to one says it is a draft.
func TestUpdateDrafts(t *testing.T) {
	ds := newDevSession(t, false)
	const draft = "content/courses/draft-course.md"
	steps := []struct {
		name, text string // text "" removes the file
	}{
		{"new draft", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nSoon.\n"},
		{"draft edited", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nSooner.\n"},
		{"draft published", "+++\ntitle = \"Draft\"\n+++\nNow.\n"},
		{"published edited", "+++\ntitle = \"Draft\"\n+++\nNow, and then.\n"},
		{"draft again", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nLater.\n"},
		{"draft removed", ""},
	}
	for _, st := range steps {
		path := filepath.Join(ds.dir, filepath.FromSlash(draft))
		if st.text == "" {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(path, []byte(st.text), 0o644); err != nil {
			t.Fatal(err)
		}
		ds.take(draft)
		if ds.matchesFresh(st.name) {
			t.Fatalf("%s: the site has errors", st.name)
		}
	}
}

// TestUpdateToday makes sure that a site without a today key is built
// for the current date after an edit: its intakes open and close with it.
func TestUpdateToday(t *testing.T) {
	ds := newDevSession(t, true)
	ds.write("site.toml", func(text string) string {
		var kept []string
		for _, line := range strings.Split(text, "\n") {
			if !strings.HasPrefix(line, "today") {
				kept = append(kept, line)
			}
		}
		return strings.Join(kept, "\n")
	})
	ds.take("site.toml")
	ds.write("content/pages/about.md", appendText("\nA new day.\n"))
	ds.take("content/pages/about.md")
	if got, want := ds.prev.Site.Config.Today, load.Today(); !got.Equal(want) {
		t.Fatalf("today = %v, want %v", got, want)
	}
	ds.matchesFresh("a new day")
}

// needs reports whether course id needs course other, itself or through
// its prerequisites, in site s.
func needs(s *site.Site, id, other string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(c string) bool {
		if c == other {
			return true
		}
		if seen[c] {
			return false
		}
		seen[c] = true
		x := s.CourseByID(c)
		if x == nil {
			return false
		}
		for _, p := range x.Prereqs {
			if walk(p.ID) {
				return true
			}
		}
		return false
	}
	return walk(id)
}

// setKey sets key (a top-level key, or "table.key") in a file's TOML
// front matter to value, replacing the line that sets it or adding one.
func setKey(text, key, value string) string {
	table, name, nested := strings.Cut(key, ".")
	if !nested {
		name, table = key, ""
	}
	lines := strings.Split(text, "\n")
	current := ""
	for i, ln := range lines {
		if i > 0 && ln == "+++" {
			break
		}
		if strings.HasPrefix(ln, "[") {
			current = strings.Trim(ln, "[]")
			continue
		}
		if current == table && strings.HasPrefix(ln, name+" = ") {
			lines[i] = name + " = " + value
			return strings.Join(lines, "\n")
		}
	}
	// Add it: at the top for a top-level key, else under the table's
	// header (adding the header at the end of the front matter if needed).
	if table == "" {
		return strings.Join(slices.Insert(lines, 1, name+" = "+value), "\n")
	}
	for i, ln := range lines {
		if ln == "["+table+"]" {
			return strings.Join(slices.Insert(lines, i+1, name+" = "+value), "\n")
		}
	}
	for i, ln := range lines {
		if i > 0 && ln == "+++" {
			return strings.Join(slices.Insert(lines, i, "["+table+"]", name+" = "+value), "\n")
		}
	}
	return text
}

// devSession is a copy of the example site, compiled again after each
// change the way the dev server does it.
type devSession struct {
	t    *testing.T
	dir  string
	p    *Project
	l    *load.Loader // kept from one compilation to the next
	opts Options
	prev *Result      // the result of the last change
	src  diag.Sources // the files it was made of
}

// newDevSession copies the example site into a temporary directory and
// compiles it, with its drafts or without.
func newDevSession(t *testing.T, drafts bool) *devSession {
	dir := t.TempDir()
	if err := os.CopyFS(dir, ladder.Example()); err != nil {
		t.Fatal(err)
	}
	p, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	ds := &devSession{t: t, dir: dir, p: p, l: load.NewLoader(),
		opts: Options{Generator: "ladder test", DeferWarnings: true, Cache: check.NewCache(), Files: NewFileChecks(), Drafts: drafts, RenderCache: render.NewCache(), TextCache: &i18n.Cache{}}}
	ds.prev, err = p.Compile(ds.l, ds.opts, nil)
	if err != nil || ds.prev.Renderer == nil {
		t.Fatalf("first compile: %v %v", err, ds.prev.Diags.Err())
	}
	ds.src = ds.prev.Texts.Sources()
	ds.prev.Warnings()
	return ds
}

// take takes in a change to the paths (slash paths from the site root)
// as the dev server does: it compiles the site again with the same
// loader, which reads only those paths again.
func (ds *devSession) take(paths ...string) {
	res, err := ds.p.Compile(ds.l, ds.opts, paths)
	if err != nil {
		ds.t.Fatalf("compile after %v changed: %v", paths, err)
	}
	ds.prev, ds.src = res, res.Texts.Sources()
}

// write changes the file at slash path file with edit.
func (ds *devSession) write(file string, edit func(string) string) {
	p := filepath.Join(ds.dir, filepath.FromSlash(file))
	old, err := os.ReadFile(p)
	if err != nil {
		ds.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(edit(string(old))), 0o644); err != nil {
		ds.t.Fatal(err)
	}
}

// move renames a file or folder (slash paths from the site root, or an
// absolute path out of the site), takes in the change as the watcher
// reports it (the paths in the site) and compares the site with a fresh
// build.
func (ds *devSession) move(name, from, to string) {
	var changed []string
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		changed = append(changed, p)
		return filepath.Join(ds.dir, filepath.FromSlash(p))
	}
	if err := os.Rename(abs(from), abs(to)); err != nil {
		ds.t.Fatal(err)
	}
	ds.take(changed...)
	ds.matchesFresh(name)
}

// matchesFresh compiles the files afresh and requires the last result to
// agree: errors in both or in neither, and without errors the same
// warnings and the same bytes in every file of the site. It reports
// whether there are errors.
func (ds *devSession) matchesFresh(name string) (errors bool) {
	t, res := ds.t, ds.prev
	fresh, err := ds.p.Compile(load.NewLoader(), Options{Generator: ds.opts.Generator, Drafts: ds.opts.Drafts}, nil)
	if err != nil {
		t.Fatalf("%s: fresh compile: %v", name, err)
	}
	if got, want := formatDiags(onlyErrors(res.Diags), ds.src), formatDiags(onlyErrors(fresh.Diags), fresh.Texts.Sources()); got != want {
		t.Fatalf("%s: errors differ\n--- after the change:\n%s--- fresh:\n%s", name, got, want)
	}
	if fresh.Diags.Errors() > 0 {
		return true
	}
	warnings := append(res.Diags, res.Warnings()...)
	warnings.Sort()
	if got, want := formatDiags(warnings, ds.src), formatDiags(fresh.Diags, fresh.Texts.Sources()); got != want {
		t.Errorf("%s: warnings differ\n--- after the change:\n%s--- fresh:\n%s", name, got, want)
	}
	a, err := res.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fresh.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest() != b.Digest() {
		t.Errorf("%s: the site differs from a fresh build", name)
		diff(t, a, b)
	}
	return false
}
