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
