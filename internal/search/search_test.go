package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/site"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Surge2IT: Linux command-line", []string{"surge2it", "linux", "command", "line"}},
		{"a I x 42 7", []string{"42"}},
		{"Ünïcode café, naïve", []string{"ünïcode", "café", "naïve"}},
		{"  ", nil},
		{"AWS/S3 & K8s", []string{"aws", "s3", "k8s"}},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShardOf(t *testing.T) {
	// Terms with the same first two characters share a shard, so a prefix
	// query finds all its terms in one file.
	for _, group := range [][]string{{"ku", "kube", "kubernetes"}, {"su", "surg", "surge2it"}, {"ün", "ünïcode"}} {
		s := ShardOf(group[0], 64)
		for _, x := range group[1:] {
			if got := ShardOf(x, 64); got != s {
				t.Errorf("ShardOf(%q) = %d, ShardOf(%q) = %d", x, got, group[0], s)
			}
		}
	}
	// The values the search page's script computes (h = h*31 + code point).
	if got, want := ShardOf("kube", 64), int((uint32('k')*31+uint32('u'))%64); got != want {
		t.Errorf("ShardOf(kube) = %d, want %d", got, want)
	}
	if got := ShardOf("x", 1); got != 0 {
		t.Errorf("ShardOf(x, 1) = %d", got)
	}
}

// searchSite is a site with a course whose title, summary and body use
// different words.
func searchSite(bodies int) *site.Site {
	s := &site.Site{Home: &site.Page{}}
	s.Courses = append(s.Courses, &site.Course{Common: site.Common{ID: "k8s", Title: "Kubernetes basics",
		Summary: "Containers and kubernetes.", Body: site.Body{Text: "Pods, deployments & services. Kubernetes kubernetes."}},
		Provider: "Surge2IT"})
	s.Programs = append(s.Programs, &site.Program{Common: site.Common{ID: "p", Title: "Cloud academy",
		Body: site.Body{Text: "Covers kubernetes once."}}})
	for i := range bodies {
		s.Pages = append(s.Pages, &site.Page{Common: site.Common{ID: fmt.Sprintf("p%d", i), Title: fmt.Sprintf("Page %d", i),
			Body: site.Body{Text: strings.Repeat("lorem ipsum dolor sit amet ", 400)}}})
	}
	return s
}

// urlOf gives the URLs the renderer gives the entities of searchSite.
func urlOf(x any) string {
	switch x := x.(type) {
	case *site.Course:
		return "/courses/" + x.ID + "/"
	case *site.Program:
		return "/programs/" + x.ID + "/"
	case *site.Page:
		return "/" + x.ID + "/"
	}
	return "/"
}

type inlineIndex struct {
	V     int
	Kinds []string
	Docs  [][]any
	Terms map[string][]int
}

func TestSearchIndexInline(t *testing.T) {
	index := New(searchSite(0), urlOf, true)
	specs := index.Files()
	if len(specs) != 1 || specs[0].Path != "data/search.json" {
		t.Fatalf("files = %+v, want data/search.json alone", specs)
	}
	b, err := index.Render(specs[0])
	if err != nil {
		t.Fatal(err)
	}
	var ix inlineIndex
	if err := json.Unmarshal(b, &ix); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if len(ix.Docs) != 2 || ix.Docs[0][1] != "Kubernetes basics" || ix.Docs[0][2] != "courses/k8s/" || ix.Kinds[int(ix.Docs[0][0].(float64))] != "course" {
		t.Errorf("docs = %v", ix.Docs)
	}
	if ix.Docs[0][4] != "Pods, deployments & services. Kubernetes kubernetes." || ix.Docs[0][5] != "Surge2IT" {
		t.Errorf("text and keywords = %q, %q", ix.Docs[0][4], ix.Docs[0][5])
	}
	// kubernetes: once in the title, once in the summary, twice in the body
	// of doc 0; once in the body of doc 1 (a delta of 1).
	if got, want := ix.Terms["kubernetes"], []int{0, 112, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("kubernetes postings = %v, want %v", got, want)
	}
	if got, want := ix.Terms["surge2it"], []int{0, 10}; !slices.Equal(got, want) {
		t.Errorf("surge2it postings = %v, want %v (a keyword counts as summary)", got, want)
	}
	if _, ok := ix.Terms["amp"]; ok {
		t.Errorf("entities are indexed as words")
	}
}

func TestSearchIndexSharded(t *testing.T) {
	ix := New(searchSite(110), urlOf, true)
	specs := ix.Files()
	files := map[string][]byte{}
	for _, sp := range specs {
		b, err := ix.Render(sp)
		if err != nil {
			t.Fatal(err)
		}
		files[sp.Path] = b
	}
	var m struct {
		N, Shards, Chunk, TextChunk int
		File                        string
	}
	if err := json.Unmarshal(files["data/search.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.N != 112 || m.Shards < 1 || m.Chunk != chunk || m.TextChunk != textChunk {
		t.Fatalf("manifest = %+v", m)
	}
	// The parts are named with the version of the index, a hash of every
	// part, which a new index with other parts changes.
	v, err := ix.Version()
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 8 || m.File != "data/search/{part}."+v+".json" {
		t.Errorf("file = %q, version %q", m.File, v)
	}
	// Version kept the parts it encoded for the first Render of each;
	// a part asked for again is encoded again, to the same bytes.
	for _, sp := range specs {
		again, err := ix.Render(sp)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, files[sp.Path]) {
			t.Fatalf("%s rendered again differs from the first time", sp.Path)
		}
	}
	if other, _ := New(searchSite(111), urlOf, true).Version(); other == v {
		t.Errorf("two indexes of other documents have the same version %s", v)
	}
	if plain, _ := New(searchSite(110), urlOf, false).Render(specs[0]); !bytes.Contains(plain, []byte(`"file":"data/search/{part}.json"`)) {
		t.Errorf("without versioned names, the layout is %s", plain)
	}
	shard := map[string][]int{}
	if err := json.Unmarshal(files[fmt.Sprintf("data/search/t%d.json", ShardOf("kubernetes", m.Shards))], &shard); err != nil {
		t.Fatal(err)
	}
	if got, want := shard["kubernetes"], []int{0, 112, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("kubernetes postings = %v, want %v", got, want)
	}
	var docs [][]any
	if err := json.Unmarshal(files["data/search/d0.json"], &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != chunk || docs[1][1] != "Cloud academy" {
		t.Errorf("d0 = %v", docs[:2])
	}
	var texts [][]string
	if err := json.Unmarshal(files["data/search/x0.json"], &texts); err != nil {
		t.Fatal(err)
	}
	if len(texts) != textChunk || texts[0][2] != "Surge2IT" || len(texts[2][1]) > textMax {
		t.Errorf("x0 = %d texts, keywords %q, text of %d bytes", len(texts), texts[0][2], len(texts[2][1]))
	}
	want := 1 + m.Shards + (112+chunk-1)/chunk + (112+textChunk-1)/textChunk
	if len(specs) != want {
		t.Errorf("%d files, want %d", len(specs), want)
	}
}

// levelSite is a site with two levels of one name in two tracks, whose
// expectations hold words found nowhere else, and a competency with
// descriptors.
func levelSite() *site.Site {
	s := &site.Site{Home: &site.Page{}, Config: site.Config{Scale: site.Scale{Names: []string{"Aware", "Able", "Expert"}}}}
	coding := &site.Competency{Common: site.Common{ID: "coding", Title: "Coding"},
		Descriptors: map[string]string{"3": "Sets the\nteam's standards.", "1": "Reads code."}}
	s.Competencies = []*site.Competency{coding}
	s.IDs[site.KindCompetency] = map[string]int32{"coding": 0}
	for _, tr := range []string{"Fulfillment", "Software"} {
		track := &site.Track{Common: site.Common{ID: strings.ToLower(tr), Title: tr}}
		s.Tracks = append(s.Tracks, track)
		l := &site.Level{Common: site.Common{ID: "senior", Title: "Senior Associate"}, Track: track, TrackID: track.ID,
			Expectations: []site.Expectation{{CompetencyID: "coding", Level: 2}}}
		if tr == "Software" {
			l.Expectations = append(l.Expectations, site.Expectation{CompetencyID: "missing", Level: 1,
				Expect:   []site.Inline{{Text: "Writes **idempotent** jobs.", Plain: "Writes idempotent jobs."}, {Plain: "Tests them."}},
				Examples: []site.Inline{{Plain: "A nightly   reconciliation."}}})
			l.Expectations[0].Expect = []site.Inline{{Plain: "Refactors fearlessly."}}
		}
		s.Levels = append(s.Levels, l)
	}
	return s
}

func levelURL(x any) string {
	switch x := x.(type) {
	case *site.Level:
		return "/tracks/" + x.TrackID + "/" + x.ID + "/"
	case *site.Track:
		return "/tracks/" + x.ID + "/"
	case *site.Competency:
		return "/competencies/" + x.ID + "/"
	}
	return "/"
}

func TestSearchIndexExpectations(t *testing.T) {
	b, err := New(levelSite(), levelURL, true).Render(File{Path: "data/search.json", part: 'm'})
	if err != nil {
		t.Fatal(err)
	}
	var ix inlineIndex
	if err := json.Unmarshal(b, &ix); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	// Docs: 2 tracks, 2 levels, 1 competency. A level's array ends with
	// its expectations and its track's title; a track's array stops
	// after its last non-empty string.
	if got := len(ix.Docs[0]); got != 3 {
		t.Errorf("track doc %v has %d elements, want 3 (kind, title, url)", ix.Docs[0], got)
	}
	soft := ix.Docs[3]
	if len(soft) != 8 || soft[1] != "Senior Associate" || soft[7] != "Software" {
		t.Fatalf("level doc = %q", soft)
	}
	want := "Coding: Refactors fearlessly.\nmissing: Writes idempotent jobs.\nmissing: Tests them.\nmissing: A nightly reconciliation."
	if soft[6] != want {
		t.Errorf("expectations = %q, want %q", soft[6], want)
	}
	if fulf := ix.Docs[2]; len(fulf) != 8 || fulf[6] != "" || fulf[7] != "Fulfillment" {
		t.Errorf("a level without criteria: %q", fulf)
	}
	// Words only in an expectation find the level, as body words.
	for term, want := range map[string][]int{"idempotent": {3, 1}, "fearlessly": {3, 1}, "reconciliation": {3, 1}} {
		if got := ix.Terms[term]; !slices.Equal(got, want) {
			t.Errorf("%s postings = %v, want %v", term, got, want)
		}
	}
	// A competency's descriptors are indexed with the names of their
	// points, in the scale's order.
	if got, want := ix.Docs[4][6], "Aware: Reads code.\nExpert: Sets the team's standards."; got != want {
		t.Errorf("descriptors = %q, want %q", got, want)
	}
	if got, want := ix.Terms["standards"], []int{4, 1}; !slices.Equal(got, want) {
		t.Errorf("standards postings = %v, want %v", got, want)
	}
}

func TestSearchIndexShardedTracks(t *testing.T) {
	s := levelSite()
	s.Pages = searchSite(110).Pages
	ix := New(s, levelURL, false)
	if !ix.Sharded() {
		t.Fatal("not sharded")
	}
	render := func(path string, v any) {
		t.Helper()
		for _, f := range ix.Files() {
			if f.Path == path {
				b, err := ix.Render(f)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, v); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				return
			}
		}
		t.Fatalf("no file %s", path)
	}
	var docs [][]any
	render("data/search/d0.json", &docs)
	if got := docs[3]; len(got) != 4 || got[3] != "Software" {
		t.Errorf("level in d0 = %q, want its track last", got)
	}
	if got := docs[5]; len(got) != 3 {
		t.Errorf("page in d0 = %q, want [kind, title, url]", got)
	}
	var texts [][]string
	render("data/search/x0.json", &texts)
	if got := texts[3]; len(got) != 4 || !strings.HasPrefix(got[3], "Coding: Refactors fearlessly.\n") {
		t.Errorf("level in x0 = %q, want its expectations last", got)
	}
	if got := texts[0]; len(got) != 0 {
		t.Errorf("track in x0 = %q, want []", got)
	}
}
