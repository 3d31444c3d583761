// Command screenshots refreshes the pictures of the example site in
// docs/screenshots/: a few pages at desktop (1280×800) and phone (390×844)
// widths, in the light and the dark colour scheme, in English and in
// German. It builds the example with the ladder of this checkout, serves
// the build on a loopback port and drives Debian's chromium (or the
// browser named by LADDER_CHROMIUM) with chromedp.
//
//	go run ./scripts/screenshots            # from the repository's root
//	go run ./scripts/screenshots -out DIR   # elsewhere
//
// Each picture is the first screen of its page (or of the part of it a
// shot scrolls to: the matrix, a tool's result), not the whole page, so
// that the files stay small enough to keep in git: about 1.6 MB for the
// fifteen. The README shows eight of them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// shot is one picture: a page of the site in one language, size and
// colour scheme.
type shot struct {
	name   string // file name without .png
	lang   string // "en" or "de"
	page   string // site-relative URL
	phone  bool
	scheme string // "light" or "dark"
	scroll string // a CSS selector to scroll to the top of the window first, or ""
	script string // JavaScript to run first (fill in a form), or ""
}

// shots are the pictures kept in docs/screenshots/. The level page is the
// page employees read most, so it is shown in every form.
func shots() []shot {
	var s []shot
	for _, lang := range []string{"en", "de"} {
		for _, phone := range []bool{false, true} {
			for _, scheme := range []string{"light", "dark"} {
				size := "desktop"
				if phone {
					size = "phone"
				}
				s = append(s, shot{
					name: fmt.Sprintf("level-%s-%s-%s", lang, size, scheme),
					lang: lang, page: "tracks/fulfillment/associate/", phone: phone, scheme: scheme,
				})
			}
		}
	}
	return append(s,
		shot{name: "home-en-desktop-light", lang: "en", page: "", scheme: "light"},
		shot{name: "track-en-desktop-light", lang: "en", page: "tracks/fulfillment/", scheme: "light"},
		shot{name: "matrix-en-desktop-light", lang: "en", page: "tracks/software/", scheme: "light", scroll: "#matrix-h"},
		shot{name: "compare-en-desktop-light", lang: "en", page: "compare/?a=fulfillment/associate&b=fulfillment/ambassador", scheme: "light", scroll: "#compare-status"},
		shot{name: "paths-en-desktop-light", lang: "en", page: "paths/?from=fulfillment/associate&to=it-support/associate", scheme: "light"},
		shot{name: "assess-en-desktop-light", lang: "en", page: "assess/?level=fulfillment/associate&target=fulfillment/ambassador", scheme: "light",
			scroll: "#assess-status", script: rateSome},
		shot{name: "paths-de-phone-light", lang: "de", page: "paths/?from=fulfillment/associate&to=it-support/associate", phone: true, scheme: "light", scroll: "#path-status"},
	)
}

// rateSome rates the competencies of the self-assessment, each a point
// of its own, so that its picture shows ratings, gaps and courses.
const rateSome = `(function () {
  var groups = new Map();
  document.querySelectorAll("#assess-result input[type=radio]").forEach(function (r) {
    if (!groups.has(r.name)) groups.set(r.name, []);
    groups.get(r.name).push(r);
  });
  var i = 0;
  groups.forEach(function (rs) { var r = rs[Math.min(rs.length - 1, 1 + (i++ % 3))]; if (r) r.click(); });
  return groups.size;
})()`

func main() {
	out := flag.String("out", "docs/screenshots", "the folder the pictures are written to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	exe := browsertest.Path()
	if exe == "" {
		return errors.New("no Chromium found: apt-get install -y chromium, or set LADDER_CHROMIUM")
	}
	if _, err := os.Stat("site.toml"); err != nil {
		return errors.New("run from the repository's root, where the example's site.toml is")
	}
	tmp, err := os.MkdirTemp("", "ladder-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	roots := map[string]string{}
	for _, lang := range []string{"en", "de"} {
		dir, err := buildExample(tmp, lang)
		if err != nil {
			return err
		}
		roots[lang] = dir
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	for lang, dir := range roots {
		mux.Handle("/"+lang+"/", http.StripPrefix("/"+lang, http.FileServer(http.Dir(dir))))
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	for _, s := range shots() {
		var png []byte
		w, h := int64(1280), int64(800)
		if s.phone {
			w, h = 390, 844
		}
		scheme := s.scheme
		url := fmt.Sprintf("%s/%s/%s", base, s.lang, s.page)
		err := chromedp.Do(bctx,
			chromedp.EmulateViewport(w, h),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				})
				return err
			}),
			chromedp.Navigate(url),
			chromedp.Sleep(400*time.Millisecond), // the tools fill their results after the data arrives
		)
		if err == nil && s.script != "" {
			_, err = chromedp.Run(bctx, chromedp.Evaluate[int](s.script))
		}
		if err == nil && s.scroll != "" {
			// At once, not smoothly as the theme scrolls to an anchor.
			_, err = chromedp.Run(bctx, chromedp.Evaluate[int](`(document.querySelector(`+strconv.Quote(s.scroll)+`).scrollIntoView({behavior: "instant"}), 1)`))
		}
		if err == nil && (s.script != "" || s.scroll != "") {
			err = chromedp.Do(bctx, chromedp.Sleep(200*time.Millisecond))
		}
		if err == nil {
			png, err = chromedp.Run(bctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		file := filepath.Join(out, s.name+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", file)
	}
	return nil
}

// languageLine is the language setting of the example's site.toml.
var languageLine = regexp.MustCompile(`(?m)^language = "[^"]*"`)

// buildExample copies the example site (site.toml and content/: it has no
// static files or layouts) into a
// folder under tmp with language set to lang, builds it with the ladder of
// this checkout, and returns the output folder.
func buildExample(tmp, lang string) (string, error) {
	src := filepath.Join(tmp, "site-"+lang)
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("content")); err != nil {
		return "", fmt.Errorf("copy the example: %w", err)
	}
	cfg, err := os.ReadFile("site.toml")
	if err != nil {
		return "", err
	}
	cfg = languageLine.ReplaceAll(cfg, []byte(`language = "`+lang+`"`))
	if err := os.WriteFile(filepath.Join(src, "site.toml"), cfg, 0o644); err != nil {
		return "", err
	}
	dst := filepath.Join(tmp, "build-"+lang)
	cmd := exec.Command("go", "run", "./cmd/ladder", "build", "--src", src, "--out", dst, "--base-url", "/"+lang+"/")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build the example in %s: %w", lang, err)
	}
	return dst, nil
}
