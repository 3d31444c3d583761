// Package browsertest starts a real headless Chromium for end-to-end tests,
// driven with chromedp. Tests that need a browser call New; when no Chromium
// is installed the test is skipped with a message saying how to install it
// (CI installs Debian's chromium package). Console errors, uncaught
// exceptions and the errors the browser logs itself but for failed requests
// (among them every Content-Security-Policy violation) are collected so that tests can assert
// there were none.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium for one test.
type Browser struct {
	Ctx context.Context // a tab; pass to chromedp.Run

	mu     sync.Mutex
	errors []string
}

// candidates are where Chromium is looked for, in order.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path returns the Chromium executable, or "" when none is installed. The
// LADDER_CHROMIUM environment variable overrides the search.
func Path() string {
	if p := os.Getenv("LADDER_CHROMIUM"); p != "" {
		return p
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// New starts Chromium for t, or skips t when Chromium is absent. The
// browser is closed when the test ends. The whole test is bounded by
// timeout.
func New(t testing.TB, timeout time.Duration) *Browser {
	t.Helper()
	exe := Path()
	if exe == "" {
		t.Skip("skipping browser test: Chromium not found (install it with: apt-get install -y chromium, or set LADDER_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tctx, cancelTab := chromedp.NewContext(actx)
	b := &Browser{Ctx: tctx}
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				msg := ""
				for _, a := range ev.Args {
					msg += " " + string(a.Value) + a.Description
				}
				b.addError("console.error:" + msg)
			}
		case *cdplog.EventEntryAdded:
			// Failed requests are left to the tests that expect them (a
			// dev server's event stream reconnecting, say).
			if e := ev.Entry; e.Level == cdplog.EntryLevelError && e.Source != cdplog.EntrySourceNetwork {
				b.addError(fmt.Sprintf("%s error at %s: %s", e.Source, e.URL, e.Text))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.addError(fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
		}
	}
	err := chromedp.Do(tctx)
	if err == nil {
		err = chromedp.Listen(tctx, listen)
	}
	if err == nil {
		err = chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
			return err
		}))
	}
	if err != nil {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	return b
}

func (b *Browser) addError(s string) {
	b.mu.Lock()
	b.errors = append(b.errors, s)
	b.mu.Unlock()
}

// Errors returns the console errors and uncaught exceptions seen so far, and
// forgets them.
func (b *Browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.errors
	b.errors = nil
	return out
}

// Do runs chromedp actions in the browser's tab, failing t on error.
func (b *Browser) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.Ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Navigate opens url in the tab and waits for it to load.
func (b *Browser) Navigate(t testing.TB, url string) {
	t.Helper()
	b.Do(t, chromedp.Navigate(url))
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// (promises are awaited), failing t on error.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("browser: evaluate %s: %v", expr, err)
	}
	return v
}

// WaitFor waits until a JavaScript expression is truthy, failing t after
// timeout.
func (b *Browser) WaitFor(t testing.TB, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		_, err := chromedp.Run(b.Ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// A page that replaces its document while the poll runs (a
		// navigation finishing late on a loaded machine) takes the poll's
		// execution context with it: poll again in the new one.
		if strings.Contains(err.Error(), "Cannot find context") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		t.Fatalf("browser: waiting for %s: %v", expr, err)
	}
}

// Screenshot sets the viewport to width×height and returns a PNG of the
// whole page.
func (b *Browser) Screenshot(t testing.TB, width, height int64) []byte {
	t.Helper()
	b.Do(t, chromedp.EmulateViewport(width, height))
	png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("browser: screenshot: %v", err)
	}
	return png
}

// Axe returns the source of axe-core's axe.min.js, named by the LADDER_AXE
// environment variable (CI installs axe-core with npm), or "" after
// logging why the accessibility audit is skipped.
func Axe(t testing.TB) string {
	t.Helper()
	p := os.Getenv("LADDER_AXE")
	if p == "" {
		t.Log("LADDER_AXE is not set: skipping the accessibility audit (npm install axe-core@4, then LADDER_AXE=$PWD/node_modules/axe-core/axe.min.js)")
		return ""
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Logf("skipping the accessibility audit: %v", err)
		return ""
	}
	return string(src)
}

// AxeViolation is the part of an axe-core result that Audit reports.
type AxeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// Audit runs axe-core (the source Axe returned) in the open page and fails
// t on each serious or critical violation, listing up to five of the nodes
// concerned; lesser ones are logged. name says which page it is.
func (b *Browser) Audit(t testing.TB, axe, name string) {
	t.Helper()
	if !Eval[bool](t, b, `typeof axe !== "undefined"`) {
		Eval[bool](t, b, axe+"\n;true")
	}
	res := Eval[string](t, b, `axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" ") + ": " + (n.failureSummary || "").split("\n").join(" ") })};
  }));
})`)
	var vs []AxeViolation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		t.Fatalf("%s: axe result: %v", name, err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s: axe (%s) %s: %s", name, v.Impact, v.ID, v.Help)
			continue
		}
		t.Errorf("%s: axe (%s) %s: %s\n  %s", name, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// EmulateMedia makes the page see a media type ("print"; "" for the
// screen) and prefers-color-scheme: scheme ("light" or "dark").
func EmulateMedia(media, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// Shift is the cumulative layout shift of a page, as LayoutShift measures it.
type Shift struct {
	// CLS is the largest sum of the layout shifts in one session window (shifts
	// less than a second apart, over at most five seconds), leaving out
	// those that follow input, as Core Web Vitals define it.
	CLS float64 `json:"cls"`
	// Moved describes the shifts of that window: the elements that moved,
	// with their place before and after, for a failure message.
	Moved []string `json:"moved"`
}

// LayoutShift returns the cumulative layout shift of the open page so far,
// from the buffered entries of a PerformanceObserver for "layout-shift",
// which include those from before it was made.
func LayoutShift(t testing.TB, b *Browser) Shift {
	t.Helper()
	res := Eval[string](t, b, `new Promise(function (resolve) {
  var entries = [];
  var obs = new PerformanceObserver(function (list) { entries = entries.concat(list.getEntries()); });
  obs.observe({type: "layout-shift", buffered: true});
  setTimeout(function () {
    obs.disconnect();
    var name = function (n) {
      if (!n) return "?";
      if (n.nodeType !== 1) n = n.parentElement || n;
      return n.nodeName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className && typeof n.className === "string" ? "." + n.className.trim().split(/\s+/).join(".") : "");
    };
    var rect = function (r) { return Math.round(r.x) + "," + Math.round(r.y) + " " + Math.round(r.width) + "×" + Math.round(r.height); };
    var best = {cls: 0, moved: []}, win = null;
    entries.forEach(function (e) {
      if (e.hadRecentInput) return;
      if (!win || e.startTime - win.last > 1000 || e.startTime - win.first > 5000) win = {first: e.startTime, cls: 0, moved: []};
      win.last = e.startTime;
      win.cls += e.value;
      (e.sources || []).forEach(function (s) {
        win.moved.push(Math.round(e.startTime) + " ms " + e.value.toFixed(3) + " " + name(s.node) + ": " + rect(s.previousRect) + " → " + rect(s.currentRect));
      });
      if (win.cls > best.cls) best = {cls: win.cls, moved: win.moved.slice()};
    });
    resolve(JSON.stringify(best));
  }, 200);
})`)
	var s Shift
	if err := json.Unmarshal([]byte(res), &s); err != nil {
		t.Fatalf("browser: layout shift: %v", err)
	}
	return s
}
