package e2e

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// manySite is a framework whose one track uses 14 competencies in three
// categories (6 of Craft, 5 of People, 3 of Delivery): more than a radar
// can show. Competencies come in the order of the site: by category.
func manySite() fstest.MapFS {
	fsys := fstest.MapFS{
		"site.toml":                  {Data: []byte("title = \"Many\"\n[scale]\nnames = [\"One\", \"Two\", \"Three\", \"Four\"]\n")},
		"content/_index.md":          {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
		"content/tracks/t/_index.md": {Data: []byte("+++\ntitle = \"Track\"\n+++\n")},
	}
	var l1, l2 strings.Builder
	for i := range 14 {
		cat := "Craft"
		switch {
		case i >= 11:
			cat = "Delivery"
		case i >= 6:
			cat = "People"
		}
		fsys[fmt.Sprintf("content/competencies/c%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Skill %02d\"\ncategory = %q\n+++\n", i, cat))}
		fmt.Fprintf(&l1, "c%02d = 1\n", i)
		fmt.Fprintf(&l2, "c%02d = %d\n", i, 2+i%2)
	}
	fsys["content/tracks/t/l1.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Level one\"\nrank = 1\n[competencies]\n" + l1.String() + "+++\n")}
	fsys["content/tracks/t/l2.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Level two\"\nrank = 2\n[competencies]\n" + l2.String() + "+++\n")}
	return fsys
}

// TestAssessManyCompetencies rates against a track of 14 competencies: the
// self-assessment draws a bar per category and series, as level pages do,
// with a note that says why, instead of an unreadable radar.
func TestAssessManyCompetencies(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	root := serve(t, buildFS(t, manySite()), "/")
	b := browsertest.New(t, 2*time.Minute)
	b.Navigate(t, root+"assess/?level=t/l1&target=t/l2")
	waitRated(t, b)
	rate(t, b, "c00", 3) // Craft: 3 and 1, an average of 2
	rate(t, b, "c01", 1)
	rate(t, b, "c06", 4) // People: 4
	b.WaitFor(t, `document.querySelector("#assess-result svg[data-chart=bars]")`, wait)
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("#assess-result svg.chart-radar").length`); n != 0 {
		t.Errorf("%d radars beside the bars", n)
	}
	labels := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#assess-result svg[data-chart=bars] .chart-label")).map(e => e.textContent)`)
	if got := strings.Join(labels, " | "); got != "Craft (6) | Delivery (3) | People (5)" {
		t.Errorf("bars for %q, want one per category", got)
	}
	// The ratings' average leaves out what is not rated yet (Delivery has
	// no bar of ratings); the levels' averages count every competency.
	bars := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#assess-result rect.chart-bar")).map(r => r.dataset.series + "=" + r.dataset.value)`)
	if got, want := strings.Join(bars, " "), "a=2 b=1 c=2.5 b=1 c=2.7 a=4 b=1 c=2.4"; got != want {
		t.Errorf("bars %s, want %s", got, want)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelectorAll("#assess-result svg[data-chart=bars] .chart-value")[3].textContent`); got != "–" {
		t.Errorf("Delivery's rating reads %q, want – (none rated)", got)
	}
	note := browsertest.Eval[string](t, b, `document.querySelector("#assess-result .chart-note").textContent`)
	if !strings.HasPrefix(note, "14 competencies are too many to read on a radar chart") {
		t.Errorf("note = %q", note)
	}
	desc := browsertest.Eval[string](t, b, `document.querySelector("#assess-result svg[data-chart=bars] desc").textContent`)
	if !strings.HasPrefix(desc, "Bar chart of the averages in each of 3 categories of 14 competencies on a scale from 1 to 4: ") {
		t.Errorf("desc = %q", desc)
	}
	if axe := browsertest.Axe(t); axe != "" {
		b.Audit(t, axe, "assess with 14 competencies")
	}
	noErrors(t, b)
}
