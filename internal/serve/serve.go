// Package serve is the dev server behind "ladder serve": it builds a site
// into memory, serves it over HTTP under the path of its base_url, watches
// the site's files and, after every change, rebuilds and tells the open
// browser tabs what changed so that they reload, swap a stylesheet, or show
// the errors in an overlay.
//
// # Snapshots
//
// Everything a request sees comes from one snapshot: the Renderer of the
// last good build, a cache of the files already drawn with it, and a
// version number. A snapshot is never modified once published, apart from
// its cache, which only ever gains the bytes the Renderer would draw anyway;
// a rebuild makes a new snapshot and swaps it in with one atomic store. A
// request therefore gets either the whole previous site or the whole new
// one, never a mixture, and a request that arrives during a rebuild is
// answered at once from the previous snapshot.
//
// Pages are drawn lazily: listing the pages of a site is cheap, drawing all
// of them is not, and a person previewing an edit looks at one or two. The
// first request for a page draws it (Renderer.Lookup, then Render) and keeps
// the bytes in the snapshot's cache; theme assets and static files come
// straight from the Renderer. Drafts are shown, with their banner, when
// Options.Drafts is set, as the command line does by default. Nothing is
// written to disk. Every HTML response gets the live-reload client
// injected before </body>, and every response says Cache-Control: no-store,
// so that a reload never shows a stale file. A missing file gets the site's
// own 404.html with status 404. Requests outside the base path are not the
// site's: "/" is redirected to the base path, and anything else is a 404.
//
// # Rebuilding
//
// One goroutine owns the build: it reads batches from the watcher
// (internal/watch, which debounces a burst of events into one batch and
// merges whatever happens during a build into the next batch, so that a
// build is followed by at most one more) and compiles the site again for
// each batch: a new Site, loaded with a load.Loader that keeps each file's
// parse (only the changed paths are read again; a file whose bytes are the
// same keeps its result), checked, and given a new Renderer, which takes
// the parsed templates and the minified assets from a render.Cache when
// their bytes have not changed. There is one way to rebuild, whatever
// changed, and it never writes into the Site of a published snapshot: a
// request reading the old snapshot while the new one is built sees the
// whole old site. The warnings of a good rebuild are worked out and
// printed a moment after the browsers were told (warningsDelay), and the
// rebuild's garbage is collected then, while nobody waits.
//
// When the build has errors, the last good snapshot stays in place, the
// errors are kept, printed on the terminal in clang style, and sent to the
// browsers in an "error" event. Pages served while the errors last carry
// the overlay in their markup, so that a tab opened meanwhile shows it too.
// Errors wait a moment (failureGrace) for another change before they are
// shown: an editor that saves in place truncates the file first, and a
// build that reads the empty file in between reports errors that the rest
// of the save removes.
//
// When the build succeeds, the new snapshot is published, then the server
// works out what a browser would see change, as esbuild's serve mode does:
// the pages and files added and removed (from the two Renderers' lists),
// the theme assets and static files whose bytes differ, and, among the
// pages, those that are open in a browser right now (each tab names its page
// when it connects) and the non-HTML files that scripts have fetched, drawn
// in both snapshots and compared byte for byte. The asset version query
// ("style.css?v=...") is left out of that comparison: it changes with every
// stylesheet edit, and counting it would reload every page instead of
// swapping the stylesheet. Only the open pages are drawn, so the cost of a
// rebuild does not grow with the number of pages nobody is looking at.
// When anything differs, one "change" event lists the site paths (URL
// paths under the base path, "/careers/tracks/sde/l5/",
// "/careers/assets/style.css") added, removed and updated, sorted; a build
// whose output did not change sends nothing, except "ok" to clear an
// overlay left by a failed build.
//
// # The client
//
// The live-reload client is a small script, served by the dev server itself
// as <base>__ladder/client.js (and the overlay's stylesheet as
// <base>__ladder/overlay.css), so that pages need no inline code and the
// server's Content-Security-Policy needs no 'unsafe-inline' (guard.go). A
// script element before </body> loads it and names, in data attributes,
// the page's site path, the hash of the page as served and the stream's
// URL. It listens with Server-Sent Events at <base>__ladder/events and:
//
//   - on "change", removes any error overlay; when its own page was
//     updated, it fetches the page again and patches the open one in place
//     (a morph: children matched by id, else by position and tag), so that
//     the scroll position, the focus, open <details> and what was typed
//     into forms stay, and relinks the stylesheets whose links changed. The
//     new page is compared with the page as the server sent it last, which
//     the client keeps in an inert document, not with the live DOM: only
//     what the server changed is applied, so what the theme's scripts did
//     to the page (a filter form revealed, rows hidden) stays. It
//     reloads instead when the page's scripts or its head (other than the
//     title, the stylesheets and data blocks) changed, when its own path
//     was added (a 404 page whose page now exists) or removed, or when a
//     file it loaded (other than a stylesheet, or an image it shows) was
//     updated or removed; when only stylesheets it uses changed, it swaps
//     them in place, by linking them again with a new ?v= query and
//     dropping the old link once the new one has loaded; an image it shows
//     that was updated (a track's ladder, after an edit of the track) is
//     loaded again in place, with a new ?v= query;
//   - on "error", shows a full-page overlay listing every error with its
//     file:line:col, the source line with a caret, and the hint; on "ok",
//     removes it;
//   - on a lost connection, or when the server turns it away (too many
//     open streams), tries again after one second, then less and less
//     often, up to every ten seconds, and reloads the page when the server
//     that answers is a new one (a restarted "ladder serve"), which it
//     recognises by the instance id of the "hello" event.
//
// The script defines no globals. When a tab connects it sends the page's
// hash; if the current snapshot draws the page differently (a rebuild
// happened between the page load and the connection), the server sends
// that tab a "change" at once, so that no edit is missed. Disconnects are
// noticed through the request's context; a comment line every 15 seconds
// keeps idle connections open through proxies.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/watch"
)

// Options configure a Server.
type Options struct {
	// Drafts shows entities marked draft = true, with a banner. The dev
	// server's command line turns it on by default.
	Drafts bool

	// Generator is written in the generator meta tag of every page.
	Generator string

	// Poll, when greater than zero, forces polling the files at this
	// interval instead of using the platform's change notifications.
	Poll time.Duration

	// Debounce is the quiet period after the last file event before a
	// rebuild starts; zero means the watcher's default (10ms).
	Debounce time.Duration

	// Heartbeat is the interval of the comment lines that keep event
	// streams open; zero means 15 seconds.
	Heartbeat time.Duration

	// Log receives the progress lines and the diagnostics (normally
	// stderr); nil discards them.
	Log io.Writer

	// Color prints diagnostics with ANSI colours.
	Color bool

	// AllowHosts are host names (or addresses) that requests may name in
	// their Host header besides localhost, the loopback addresses and the
	// address the server listens on. A name that begins with a dot allows
	// the domain and every name under it.
	AllowHosts []string
}

// maxWarnings is how many warnings are printed at start-up, and how many
// new ones after a rebuild; the rest are counted.
const maxWarnings = 20

// Server is a dev server for one project. Create it with New, then call
// Serve; it is also an http.Handler, for tests.
type Server struct {
	proj *pipeline.Project
	opts Options
	id   string // this instance, so that clients notice a restart
	js   string // the live-reload client, compacted

	snap atomic.Pointer[snapshot] // the last good build; nil before the first
	fail atomic.Pointer[failure]  // the latest build's errors; nil when it succeeded
	base atomic.Pointer[string]   // the base path, known even before a good build
	out  atomic.Pointer[string]   // the output directory, for the watcher to ignore

	// Owned by the building goroutine (New, then the watch loop).
	loader    *load.Loader           // each file's parse, kept from one build to the next
	buildOpts pipeline.Options       // how every build is made
	fullNext  bool                   // the loader must look at every file next time
	changing  func(watch.Batch) bool // the watcher's ChangedSince, once it runs
	heldBack  int                    // good builds held back in a row (see maxHeldBack)
	warnLater func()                 // prints the warnings of the last good build, not printed yet
	printed   diag.List              // the diagnostics of the last build printed

	clients clients

	hosts    atomic.Pointer[hosts] // the Host headers answered
	bound    net.Addr              // the listener's address; set by Serve
	maxConns int                   // connections open at once (maxConns; lower in tests)
	streams  int                   // event streams open at once (maxStreams; lower in tests)
	conns    atomic.Pointer[connLimit]

	logMu sync.Mutex

	// firstBuild is when New started the first build: a file changed
	// after it, before the watcher was ready, is caught by Serve.
	firstBuild time.Time
}

// New builds the project for the first time and returns a Server for it.
// A build with errors is no failure here: the server starts anyway, shows
// the errors in the browser and recovers when they are fixed.
func New(proj *pipeline.Project, opts Options) *Server {
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	var id [8]byte
	rand.Read(id[:])
	s := &Server{
		proj: proj,
		opts: opts,
		id:   hex.EncodeToString(id[:]),
		js:   compactJS(clientJS),
	}
	s.loader = load.NewLoader()
	// The dev server keeps the plain names of assets and data files: it
	// serves everything with no-store, and the client swaps a stylesheet
	// by its name.
	s.buildOpts = pipeline.Options{Drafts: opts.Drafts, Generator: opts.Generator, DeferWarnings: true, Cache: check.NewCache(), Files: pipeline.NewFileChecks(), StableNames: true,
		RenderCache: render.NewCache(), TextCache: &i18n.Cache{}}
	root := "/"
	s.base.Store(&root)
	s.clients.m = map[*client]struct{}{}
	s.hosts.Store(newHosts(nil, opts.AllowHosts, nil))
	s.maxConns, s.streams = maxConns, maxStreams
	s.firstBuild = time.Now()
	if f := s.rebuild(watch.Batch{Rescan: true}, true); f != nil {
		s.publish(f)
	}
	// The first build leaves the garbage of reading every file: collect
	// it now, not during the first rebuild.
	go runtime.GC()
	return s
}

// BasePath returns the path the site is served under, e.g. "/careers/".
func (s *Server) BasePath() string { return *s.base.Load() }

// Serve answers HTTP requests on ln and rebuilds on every change to the
// project's files until ctx is done; then it stops watching, closes the
// event streams and shuts the HTTP server down. An embedded project has
// no files to watch: it is served as it is.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.bound = ln.Addr()
	s.hosts.Store(newHosts(s.bound, s.opts.AllowHosts, interfaceAddrs()))
	hs := s.newHTTPServer(ctx)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	built := make(chan struct{})
	var w *watch.Watcher
	if s.proj.Dir == "" {
		s.logf("serving the example built into the binary: there are no files to watch (create a site with ladder init DIR, then run ladder serve --src DIR)")
		close(built)
	} else {
		var err error
		w, err = watch.New(s.proj.Dir, watch.Options{
			Debounce: s.opts.Debounce,
			Poll:     s.opts.Poll,
			Ignore:   s.ignore,
			Hidden:   watchHidden,
			Logf:     func(format string, args ...any) { s.logf("ladder: "+format, args...) },
		})
		if err != nil {
			s.logf("ladder: cannot watch for changes: %v (reloads are off; restart ladder serve after editing)", err)
			close(built)
		} else {
			how := "for changes"
			if w.Mode() == "poll" {
				how = "for changes by polling"
				if s.opts.Poll > 0 {
					how += " every " + s.opts.Poll.String()
				}
			}
			s.logf("watching %s %s", s.proj.Dir, how)
			s.changing = w.ChangedSince
			go func() {
				defer close(built)
				// A save made while the first build ran, or before the
				// watcher saw its folder, has no event: look once.
				if s.changedSince(s.firstBuild) {
					if f := s.rebuild(watch.Batch{Rescan: true}, false); f != nil {
						s.publish(f)
					}
				}
				s.watchLoop(ctx, w)
			}()
		}
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		cancel()
	}
	if w != nil {
		w.Close()
	}
	<-built
	// Requests under way get a moment to finish. Connections that never
	// sent a request (browsers and HTTP clients open them ahead of time)
	// would hold Shutdown for five seconds: after the moment, they are
	// closed with the rest.
	sctx, scancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer scancel()
	if serr := hs.Shutdown(sctx); serr != nil {
		if cerr := hs.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("shut down the HTTP server: %w", cerr)
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// maxHeldBack is how many good builds in a row are held back while more
// changes come (see rebuild): a process that never stops writing still
// gets its changes shown.
const maxHeldBack = 2

// shutdownGrace is how long requests under way may take to finish when
// the server stops.
const shutdownGrace = time.Second

// failureGrace is how long a failed build's errors wait for another
// change before they are shown. Editors that save in place truncate the
// file first, and a build that reads it in between sees an empty file:
// when the rest of the save follows within the grace period, its errors
// were never real and nobody sees them.
const failureGrace = 100 * time.Millisecond

// watchLoop rebuilds once per batch until the watcher closes or ctx ends.
// The watcher merges the changes made during a build into its next batch,
// so a build is followed by at most one more however many events came.
func (s *Server) watchLoop(ctx context.Context, w *watch.Watcher) {
	var pending *failure // errors not shown yet
	var grace, warn <-chan time.Time
	if s.warnLater != nil {
		warn = time.After(warningsDelay)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-w.Batches():
			if !ok {
				return
			}
			// A rebuild whose warnings were not printed yet is followed
			// by one that prints what is new since those printed last.
			s.warnLater, warn = nil, nil
			pending, grace = s.rebuild(b, false), nil
			if pending != nil {
				grace = time.After(failureGrace)
			}
			if s.warnLater != nil {
				warn = time.After(warningsDelay)
			}
		case <-grace:
			s.publish(pending)
			pending, grace = nil, nil
		case <-warn:
			f := s.warnLater
			s.warnLater, warn = nil, nil
			f()
			// Collect the garbage of the rebuild now, while nobody
			// waits, rather than during the next one.
			go runtime.GC()
		}
	}
}

// warningsDelay is how long after a good rebuild its warnings are worked
// out and printed: the browsers fetch and patch their pages meanwhile. A
// change within the delay rebuilds at once, and the next good build
// prints the warnings that are new since those printed last.
const warningsDelay = 150 * time.Millisecond

// changedSince reports whether a file the watcher watches was modified
// after t.
func (s *Server) changedSince(t time.Time) bool {
	changed := errors.New("changed")
	err := filepath.WalkDir(s.proj.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: the watcher reports it
		}
		rel, rerr := filepath.Rel(s.proj.Dir, p)
		if rerr != nil || rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && !watchHidden(rel) || s.ignore(rel, true) {
				return filepath.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(t) {
			return changed
		}
		return nil
	})
	return errors.Is(err, changed)
}

// ignore is the watcher's extra ignore rule: the output directory of
// "ladder build" and node_modules folders of themes.
func (s *Server) ignore(rel string, isDir bool) bool {
	if out := s.out.Load(); out != nil && *out != "" && *out != "." {
		if rel == *out || strings.HasPrefix(rel, *out+"/") {
			return true
		}
	}
	for _, part := range strings.Split(rel, "/") {
		if part == "node_modules" {
			return true
		}
	}
	return false
}

// watchHidden reports whether the hidden directory rel is watched: those
// under static/, which a build may publish (.well-known/ always, others
// when [static] include lists them); the rest (.git/, .cache/) are not.
func watchHidden(rel string) bool {
	return strings.HasPrefix(rel, "static/")
}

// logf prints one line to the log.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// rebuild compiles the site after the changes in b. A good build is
// published at once: a new snapshot and a "change" event. A failed one is
// returned, for the caller to publish (see failureGrace).
func (s *Server) rebuild(b watch.Batch, first bool) *failure {
	start := time.Now()
	changed := b.Paths
	if b.Rescan || s.fullNext || first {
		changed = nil
	}
	old := s.snap.Load()
	res, err := s.proj.Compile(s.loader, s.buildOpts, changed)
	if err != nil {
		// Not the content's fault: an unreadable file, a broken
		// template. The loader may have missed part of the change;
		// look at everything next time.
		s.fullNext = true
		return newFailure(diag.List{{Severity: diag.Error, Msg: err.Error()}}, nil)
	}
	s.fullNext = false
	s.setConfig(res.Site.Config.BaseURL, res.Site.Config.OutputDir)
	if res.Renderer == nil {
		return newFailure(res.Diags, res.Texts.Sources())
	}
	// More changes came while this build ran (a burst of saves with
	// gaps longer than the watcher's quiet period): the batch that holds
	// them follows at once, and its build is published instead, so that
	// the burst reloads the page once. The caches this build filled are
	// keyed by their inputs and serve the next one.
	if !first && s.changing != nil && s.changing(b) && s.heldBack < maxHeldBack {
		s.heldBack++
		return nil
	}
	s.heldBack = 0
	version := int64(1)
	if old != nil {
		version = old.version + 1
	}
	next := newSnapshot(res.Renderer, version)
	s.snap.Store(next)
	// The pages open now: a tab that connects from here on compares its
	// page with the new snapshot itself.
	open := s.clients.pages()
	var watched []string
	if old != nil {
		watched = old.watched(open)
	}
	// The warnings are for the terminal, after the browsers have their
	// page: at once after the first build, else a moment later (see
	// warningsDelay), so that working them out does not take the
	// processor from the browser while it fetches and patches the page.
	warn := func() {
		res.Diags = append(res.Diags, res.Warnings()...)
		res.Diags.Sort()
		s.printDiags(res.Diags, res.Texts.Sources())
	}
	if first {
		defer warn()
	} else {
		s.warnLater = warn
	}
	base := next.base
	s.base.Store(&base)
	hadFail := s.fail.Swap(nil) != nil

	var ch change
	if !first {
		ch = diff(old, next, open, watched)
		switch {
		case !ch.empty():
			s.clients.broadcast(event{name: "change", data: mustJSON(ch)})
		case hadFail:
			s.clients.broadcast(event{name: "ok", data: []byte("{}")})
		}
	}
	elapsed := time.Since(start)

	// The terminal comes after the browsers, which are waiting.
	pages := len(next.r.Pages())
	if first {
		s.logf("built %d pages in %d ms", pages, elapsed.Milliseconds())
		return nil
	}
	effect := ch.describe()
	if ch.empty() && len(open) == 0 {
		effect = "no page open"
	}
	s.logf("rebuilt in %d ms: %s; %s; %d pages", elapsed.Milliseconds(), describeBatch(b), effect, pages)
	return nil
}

// setConfig remembers the base path, for requests before the first good
// build, and the output directory, for the watcher's ignore rule.
func (s *Server) setConfig(baseURL, outputDir string) {
	if s.snap.Load() == nil {
		base := "/"
		if u, err := url.Parse(baseURL); err == nil {
			base = strings.TrimSuffix("/"+strings.Trim(u.Path, "/"), "/") + "/"
		}
		s.base.Store(&base)
	}
	dir := path.Clean(strings.TrimPrefix(outputDir, "./"))
	if path.IsAbs(dir) || dir == ".." || strings.HasPrefix(dir, "../") {
		dir = ""
	}
	s.out.Store(&dir)
}

// publish shows a failed build: it keeps the errors for the pages served
// from now on, sends them to the browsers and prints them.
func (s *Server) publish(f *failure) {
	s.fail.Store(f)
	s.clients.broadcast(event{name: "error", data: f.data})
	s.printDiags(f.diags, f.src)
	what := "serving the last good site"
	if s.snap.Load() == nil {
		what = "nothing to serve until it is fixed"
	}
	s.logf("build failed: %s (%s)", plural(f.diags.Errors(), "error"), what)
}

// diagKey identifies a diagnostic, to print only the new ones after a
// rebuild.
type diagKey struct {
	pos       diag.Pos
	sev       diag.Severity
	msg, hint string
}

// printDiags prints the errors in full, and the warnings not printed after
// the previous build (at start-up, all of them) up to a limit.
func (s *Server) printDiags(l diag.List, src diag.Sources) {
	var b strings.Builder
	if sameDiags(l, s.printed) {
		// The common case after an edit: the same warnings as before,
		// and no errors. Nothing to say.
		s.printed = l
		return
	}
	seen := make(map[diagKey]struct{}, len(s.printed))
	for _, d := range s.printed {
		seen[diagKey{d.Pos, d.Severity, d.Msg, d.Hint}] = struct{}{}
	}
	warnings, more := 0, 0
	for _, d := range l {
		if d.Severity == diag.Warning {
			if _, old := seen[diagKey{d.Pos, d.Severity, d.Msg, d.Hint}]; old {
				continue
			}
			if warnings == maxWarnings {
				more++
				continue
			}
			warnings++
		}
		b.WriteString(diag.Format(d, src, diag.TextOptions{Color: s.opts.Color}))
	}
	if l.Errors() == 0 {
		// A failed build's list holds its errors only: the warnings
		// printed before still stand.
		s.printed = l
	}
	if more > 0 {
		fmt.Fprintf(&b, "... and %s more (ladder check lists them all)\n", plural(more, "warning"))
	}
	if b.Len() > 0 {
		s.logMu.Lock()
		io.WriteString(s.opts.Log, b.String())
		s.logMu.Unlock()
	}
}

// sameDiags reports whether two lists hold the same warnings, in the same
// order, and no errors.
func sameDiags(a, b diag.List) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.Severity != diag.Warning || y.Severity != diag.Warning || x.Pos != y.Pos || x.Msg != y.Msg || x.Hint != y.Hint {
			return false
		}
	}
	return true
}

// describeBatch says in a few words which files changed.
func describeBatch(b watch.Batch) string {
	switch {
	case b.Rescan:
		return "rescanned every file"
	case len(b.Paths) == 0:
		return "no file changed"
	case len(b.Paths) == 1:
		return b.Paths[0] + " changed"
	case len(b.Paths) <= 3:
		return strings.Join(b.Paths[:len(b.Paths)-1], ", ") + " and " + b.Paths[len(b.Paths)-1] + " changed"
	}
	return fmt.Sprintf("%s and %d other files changed", b.Paths[0], len(b.Paths)-1)
}

// plural returns "1 error" or "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
