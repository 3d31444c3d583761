package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// BenchmarkBrowserSaveToText measures, in a real Chromium, the time from
// an editor's atomic save (a temporary file renamed over the old one) to
// the new text in the open page's document.body.innerText, on the large
// benchmark site (see corpus), for three edits of the open level's page:
// its body, its track's title and its rank. Each sub-benchmark reports the
// median and the 95th percentile; -benchtime 30x makes 30 saves of each.
// The page is watched by a MutationObserver that notes the moment the text
// appears, so that the figure does not depend on how often it is polled.
//
// The server runs in the test process, or, when LADDER_LATENCY_BIN names a
// ladder binary, as that binary's "serve" (the real process, whose
// resident memory is reported too):
//
//	LADDER_BENCH_CORPUS=/tmp/pb-l10000 go test ./internal/serve -run '^$' -bench BrowserSaveToText -benchtime 30x
func BenchmarkBrowserSaveToText(b *testing.B) {
	src := corpus(b, "ladder", "LADDER_BENCH_CORPUS")
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	file := firstFile(b, dir, "content/tracks", ".md")
	trackID, lvl := filepath.Base(filepath.Dir(file)), strings.TrimSuffix(filepath.Base(file), ".md")
	br := browsertest.New(b, 60*time.Minute)

	var site string
	var rebuilds func() []int
	var rss func() int
	if bin := os.Getenv("LADDER_LATENCY_BIN"); bin != "" {
		site, rebuilds, rss = startBinary(b, bin, dir)
	} else {
		ts := start(b, dir, Options{Drafts: true})
		site = ts.site
		rebuilds = func() []int { return rebuildTimes(ts.log.String()) }
	}
	br.Navigate(b, site+"tracks/"+trackID+"/"+lvl+"/")
	// Let the client connect to the event stream.
	time.Sleep(time.Second)

	level := filepath.Join(dir, filepath.FromSlash(file))
	track := filepath.Join(dir, filepath.FromSlash(filepath.Dir(file)), "_index.md")
	edits := []struct {
		name string
		path string
		edit func(orig []byte, n int) ([]byte, string) // the text saved and the text to wait for
	}{
		{"body", level, func(orig []byte, n int) ([]byte, string) {
			w := fmt.Sprintf("Bodyedit%dx", n)
			return fmt.Appendf(bytes.TrimRight(slices.Clone(orig), "\n"), "\n\n%s\n", w), w
		}},
		{"track_title", track, func(orig []byte, n int) ([]byte, string) {
			w := fmt.Sprintf("Trk%dz", n)
			return bytes.Replace(orig, []byte(`title = "`), []byte(`title = "`+w+" "), 1), w
		}},
		{"level_rank", level, func(orig []byte, n int) ([]byte, string) {
			r := 100 + n%800 // below 1,000, which the page writes with a separator
			return regexp.MustCompile(`(?m)^rank = \d+$`).ReplaceAll(orig, fmt.Appendf(nil, "rank = %d", r)), fmt.Sprintf("rank %d", r)
		}},
	}
	gap := 500 * time.Millisecond
	if s := os.Getenv("LADDER_LATENCY_GAP"); s != "" {
		if d, err := time.ParseDuration(s); err == nil {
			gap = d
		}
	}
	round := 0
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			orig, err := os.ReadFile(e.path)
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				saveAtomic(b, e.path, orig)
				time.Sleep(2 * time.Second)
			}()
			before := len(rebuilds())
			var lat []time.Duration
			reloads := 0
			for b.Loop() {
				round++
				text, want := e.edit(orig, round)
				if bytes.Equal(text, orig) {
					b.Fatalf("the %s edit changes nothing", e.name)
				}
				// Note the moment the text appears, from now on.
				browsertest.Eval[bool](b, br, `(function (w) {
  window.__seen = 0;
  var check = function () {
    if (!window.__seen && document.body && document.body.innerText.includes(w)) window.__seen = Date.now();
    return window.__seen;
  };
  if (!check()) {
    var mo = new MutationObserver(function () { if (check()) mo.disconnect(); });
    mo.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  }
  return true;
})(`+strconv.Quote(want)+`)`)
				saveAtomic(b, e.path, text)
				t0 := time.Now()
				seen := waitSeen(b, br, want, 30*time.Second)
				if seen < 0 {
					reloads++
					lat = append(lat, time.Since(t0))
				} else {
					lat = append(lat, time.UnixMilli(seen).Sub(t0.Truncate(time.Millisecond)))
				}
				time.Sleep(gap)
			}
			b.StopTimer()
			slices.Sort(lat)
			med, p95 := lat[len(lat)/2], lat[min(len(lat)-1, (len(lat)*95+99)/100-1)]
			b.ReportMetric(ms(med), "ms-median")
			b.ReportMetric(ms(p95), "ms-p95")
			line := fmt.Sprintf("%s: save to text median %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms over %d saves",
				e.name, ms(med), ms(p95), ms(lat[0]), ms(lat[len(lat)-1]), len(lat))
			if reloads > 0 {
				line += fmt.Sprintf(" (%d seen after a reload, timed by polling)", reloads)
			}
			if rb := rebuilds()[before:]; len(rb) > 0 {
				slices.Sort(rb)
				line += fmt.Sprintf("; server rebuilt in median %d ms, p95 %d ms", rb[len(rb)/2], rb[min(len(rb)-1, (len(rb)*95+99)/100-1)])
			}
			if rss != nil {
				line += fmt.Sprintf("; server RSS %d MB", rss()/1024)
			} else {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				line += fmt.Sprintf("; live heap %d MB", m.HeapAlloc>>20)
			}
			fmt.Println(line)
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// waitSeen waits for the time (Unix ms) the page noted the text want in its
// body, or -1 when the page was reloaded and shows the text now.
func waitSeen(b *testing.B, br *browsertest.Browser, want string, timeout time.Duration) int64 {
	deadline := time.Now().Add(timeout)
	expr := `window.__seen === undefined ? (document.body && document.body.innerText.includes(` + strconv.Quote(want) + `) ? -1 : 0) : window.__seen`
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(br.Ctx, chromedp.Evaluate[int64](expr))
		if err == nil && v != 0 {
			return v
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.Fatalf("%q not in the page after %v", want, timeout)
	return 0
}

// saveAtomic saves a file as editors do: a temporary file beside it
// (with a name that the watcher ignores), renamed over it.
func saveAtomic(b *testing.B, path string, data []byte) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".save.tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
}

// rebuildTimes returns the figures of the server's "rebuilt in N ms" lines.
func rebuildTimes(log string) []int {
	var out []int
	for _, m := range regexp.MustCompile(`rebuilt in (\d+) ms`).FindAllStringSubmatch(log, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// startBinary runs bin serve on the site in dir and returns the site's
// URL, the server's rebuild times so far and a function that reads its
// resident memory in KB.
func startBinary(b *testing.B, bin, dir string) (string, func() []int, func() int) {
	cmd := exec.Command(bin, "serve", "--src", dir, "--addr", "127.0.0.1:0")
	out, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stopProcess(cmd) })
	lb := &logBuf{}
	if f := os.Getenv("LADDER_LATENCY_LOG"); f != "" {
		b.Cleanup(func() { os.WriteFile(f, []byte(lb.String()), 0o644) })
	}
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			lb.Write([]byte(line + "\n"))
			if u, ok := strings.CutPrefix(line, "serving "); ok {
				select {
				case url <- strings.Fields(u)[0]:
				default:
				}
			}
		}
	}()
	var site string
	select {
	case site = <-url:
	case <-time.After(5 * time.Minute):
		b.Fatalf("%s serve did not start:\n%s", bin, lb.String())
	}
	rss := func() int {
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		if err != nil {
			return 0
		}
		for _, l := range strings.Split(string(st), "\n") {
			if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
				n, _ := strconv.Atoi(strings.Fields(v)[0])
				return n
			}
		}
		return 0
	}
	return site, func() []int { return rebuildTimes(lb.String()) }, rss
}
