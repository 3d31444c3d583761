// Command pageweight reports where the bytes of a built site go: for each
// kind of page, how many there are, their mean size raw and gzipped
// (level 6, as most servers send them) and the share of the raw bytes
// inside inline <svg> charts; then the whole output by top folder. Its
// table is the one in docs/page-weight.md.
//
//	go run ./scripts/pageweight DIR          # DIR: the output of ladder build
//	go run ./scripts/pageweight -n 300 DIR   # at most 300 pages of a kind (default)
//
// A page's kind is read from the class of its <body> ("kind-level"); files
// that are not pages are summed by their folder.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// kindStats sums the pages of one kind.
type kindStats struct {
	pages              int // all pages of the kind
	measured           int // the pages measured (at most -n)
	raw, gzipped, svgs int64
}

var bodyKind = regexp.MustCompile(`<body class="kind-([a-z0-9-]+)`)

func main() {
	limit := flag.Int("n", 300, "measure at most `N` pages of each kind")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: go run ./scripts/pageweight [-n N] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), *limit); err != nil {
		fmt.Fprintln(os.Stderr, "pageweight:", err)
		os.Exit(1)
	}
}

func run(out *os.File, dir string, limit int) error {
	kinds := map[string]*kindStats{}
	var order []string
	folders := map[string]int64{}
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		folders[top] += info.Size()
		total += info.Size()
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		kind := "other"
		if m := bodyKind.FindSubmatch(b); m != nil {
			kind = string(m[1])
		}
		k := kinds[kind]
		if k == nil {
			k = &kindStats{}
			kinds[kind] = k
			order = append(order, kind)
		}
		k.pages++
		if k.measured >= limit {
			return nil
		}
		k.measured++
		k.raw += int64(len(b))
		k.gzipped += gzipSize(b)
		k.svgs += svgBytes(b)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(order)
	fmt.Fprintln(out, "| kind | pages | raw | gzip | SVG |")
	fmt.Fprintln(out, "|---|---|---|---|---|")
	for _, name := range order {
		k := kinds[name]
		n := float64(k.measured)
		fmt.Fprintf(out, "| %s | %s | %s | %s | %.0f%% |\n", name, thousands(int64(k.pages)),
			kb(float64(k.raw)/n), kb(float64(k.gzipped)/n), 100*float64(k.svgs)/float64(k.raw))
	}
	fmt.Fprintln(out)
	names := make([]string, 0, len(folders))
	for f := range folders {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool { return folders[names[i]] > folders[names[j]] })
	fmt.Fprintf(out, "Whole output: %.1f MB.", float64(total)/1e6)
	for _, f := range names {
		fmt.Fprintf(out, " %s %.1f MB;", f, float64(folders[f])/1e6)
	}
	fmt.Fprintln(out)
	return nil
}

// gzipSize returns the size of b gzipped at level 6.
func gzipSize(b []byte) int64 {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return int64(buf.Len())
}

// svgBytes returns the bytes of b inside top-level <svg>...</svg> elements.
func svgBytes(b []byte) int64 {
	var n int64
	for {
		i := bytes.Index(b, []byte("<svg"))
		if i < 0 {
			return n
		}
		j := bytes.Index(b[i:], []byte("</svg>"))
		if j < 0 {
			return n
		}
		n += int64(j + len("</svg>"))
		b = b[i+j+len("</svg>"):]
	}
}

// kb writes a byte count in kilobytes with one decimal: "25.8 KB".
func kb(n float64) string { return fmt.Sprintf("%s KB", decimal(n/1000)) }

// decimal writes f with one decimal and thousands separated by commas.
func decimal(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	whole, frac, _ := strings.Cut(s, ".")
	n := 0
	fmt.Sscan(whole, &n)
	return thousands(int64(n)) + "." + frac
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
