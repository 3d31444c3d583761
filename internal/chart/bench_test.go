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

// benchLadder is the two-path ladder of the golden test.
func benchLadder() LadderInput { return ladderTwoPaths() }

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

func BenchmarkLadderTable(b *testing.B) {
	in := benchLadder()
	b.ReportAllocs()
	for b.Loop() {
		LadderTable(in)
	}
}
