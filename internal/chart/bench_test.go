package chart

import (
	"strconv"
	"testing"
)

// Benchmark inputs are shaped like the pages of a large site: a level page
// draws a radar of a dozen competencies for this level and the next, and
// the ladder of its track; course and program pages draw a prerequisite
// graph and a fan.

func benchRadar() RadarInput {
	labels := []string{
		"Technical Skills", "Delivery", "Communication & Influence", "Collaboration",
		"Strategic Impact and Business Acumen Across the Organization", "People Management",
		"Operational Excellence", "Customer Obsession", "Hiring and Developing Others",
		"System Design", "Security", "Ownership",
	}
	axes := make([]RadarAxis, len(labels))
	for i, l := range labels {
		axes[i] = RadarAxis{Label: l, URL: "/competencies/c" + strconv.Itoa(i) + "/"}
	}
	return RadarInput{
		ID:    "radar-l5",
		Title: "Senior Engineer compared with Staff Engineer",
		Axes:  axes,
		Max:   5,
		Scale: scale5,
		Series: []RadarSeries{
			{Name: "L5 Senior Engineer", Values: []int{4, 3, 3, 4, 2, 0, 3, 4, 2, 3, 3, 4}},
			{Name: "L6 Staff Engineer", Values: []int{5, 4, 4, 4, 3, 1, 4, 4, 3, 4, 4, 5}},
		},
	}
}

func benchLadder() LadderInput {
	return LadderInput{
		ID:    "ladder-sde",
		Title: "Software Development ladder",
		Paths: []LadderPath{
			{Name: "Individual contributor", Rungs: []Rung{
				{Key: "sde1", Label: "Software Development Engineer I", Code: "L4", URL: "/tracks/sde/l4/", Rank: 1},
				{Key: "sde2", Label: "Software Development Engineer II", Code: "L5", URL: "/tracks/sde/l5/", Rank: 2},
				{Key: "sde3", Label: "Senior Software Development Engineer", Code: "L6", URL: "/tracks/sde/l6/", Rank: 3},
				{Key: "pe", Label: "Principal Engineer", Code: "L7", URL: "/tracks/sde/l7/", Rank: 4},
				{Key: "spe", Label: "Senior Principal Engineer", Code: "L8", URL: "/tracks/sde/l8/", Rank: 5},
			}},
			{Name: "Manager", Rungs: []Rung{
				{Key: "sdm", Label: "Software Development Manager", Code: "L6", URL: "/tracks/sdm/l6/", Rank: 3},
				{Key: "ssdm", Label: "Senior Manager", Code: "L7", URL: "/tracks/sdm/l7/", Rank: 4},
				{Key: "dir", Label: "Director", Code: "L8", URL: "/tracks/sdm/l8/", Rank: 5},
			}},
		},
		Moves: []LadderMove{
			{FromKey: "sde2", ToLabel: "Technical Program Manager II", ToURL: "/tracks/tpm/l5/"},
			{FromKey: "sde3", ToLabel: "Solutions Architect", ToURL: "/tracks/sa/l6/"},
			{FromKey: "sdm", ToLabel: "Product Manager – Technical", ToURL: "/tracks/pmt/l6/"},
		},
		Current: "sde3",
	}
}

func benchDAG() DAGInput {
	in := dagSeven()
	in.Nodes = append(in.Nodes,
		DAGNode{Key: "net", Label: "Computer Networks", URL: "/courses/net/"},
		DAGNode{Key: "os", Label: "Operating Systems", URL: "/courses/os/"},
		DAGNode{Key: "cloud", Label: "Cloud Architecture", URL: "/courses/cloud/"},
	)
	in.Edges = append(in.Edges,
		DAGEdge{From: "ds", To: "os"},
		DAGEdge{From: "os", To: "net"},
		DAGEdge{From: "net", To: "dist"},
		DAGEdge{From: "dist", To: "cloud"},
		DAGEdge{From: "secure", To: "cloud"},
		DAGEdge{From: "intro", To: "cloud"},
	)
	return in
}

func BenchmarkRadar(b *testing.B) {
	in := benchRadar()
	b.ReportAllocs()
	for b.Loop() {
		Radar(in)
	}
}

func BenchmarkRadarBars(b *testing.B) {
	in := radarTwo()
	b.ReportAllocs()
	for b.Loop() {
		Radar(in)
	}
}

func BenchmarkLadder(b *testing.B) {
	in := benchLadder()
	b.ReportAllocs()
	for b.Loop() {
		Ladder(in)
	}
}

func BenchmarkDAG(b *testing.B) {
	in := benchDAG()
	b.ReportAllocs()
	for b.Loop() {
		DAG(in)
	}
}

func BenchmarkPathway(b *testing.B) {
	in := pathwayLong()
	b.ReportAllocs()
	for b.Loop() {
		Pathway(in)
	}
}

func BenchmarkFan(b *testing.B) {
	in := fanProgram()
	b.ReportAllocs()
	for b.Loop() {
		Fan(in)
	}
}

func BenchmarkHighlight(b *testing.B) {
	in := benchLadder()
	in.Current = ""
	plain := Ladder(in)
	b.ReportAllocs()
	for b.Loop() {
		Highlight(plain, "sde3", " Senior Software Development Engineer is highlighted.")
	}
}
