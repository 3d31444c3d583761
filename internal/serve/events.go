package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// eventsPath is where the event stream is served, below the base path.
const eventsPath = "__ladder/events"

// notFoundSum is the page hash given to a 404 page, so that a tab showing
// one is told when the page appears.
const notFoundSum = "404"

// event is one Server-Sent Event. data is JSON, on one line.
type event struct {
	name string
	data []byte
}

// client is one open event stream: a browser tab.
type client struct {
	url  string        // site path of the tab's page
	ch   chan event    // events to send
	gone chan struct{} // closed when the client fell behind and is dropped
}

// clients are the open event streams.
type clients struct {
	mu sync.Mutex
	m  map[*client]struct{}
}

// add registers c unless max streams are open already, and reports
// whether it did.
func (cs *clients) add(c *client, max int) bool {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.m) >= max {
		return false
	}
	cs.m[c] = struct{}{}
	return true
}

func (cs *clients) remove(c *client) {
	cs.mu.Lock()
	delete(cs.m, c)
	cs.mu.Unlock()
}

// count returns the number of open streams.
func (cs *clients) count() int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return len(cs.m)
}

// pages returns the site paths of the pages open in a browser, sorted.
func (cs *clients) pages() []string {
	cs.mu.Lock()
	seen := map[string]bool{}
	var out []string
	for c := range cs.m {
		if !seen[c.url] {
			seen[c.url] = true
			out = append(out, c.url)
		}
	}
	cs.mu.Unlock()
	slices.Sort(out)
	return out
}

// broadcast queues ev for every client. A client too slow to take it is
// dropped; its browser reconnects and catches up on connecting.
func (cs *clients) broadcast(ev event) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for c := range cs.m {
		select {
		case c.ch <- ev:
		default:
			close(c.gone)
			delete(cs.m, c)
		}
	}
}

// mustJSON encodes v, which cannot fail for the types used here.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("serve: encode %T: %v", v, err))
	}
	return b
}

func writeEvent(w io.Writer, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}

// serveEvents is the event stream of one tab. The query names the tab's
// page (path, a site path) and the hash of the page it was served (h).
// The stream starts with "hello" (the server's instance id and the
// snapshot's version), then, if the page has changed since it was served,
// a "change" for it, then "error" with the current errors or "ok"; then
// the broadcasts follow, with a comment line every heartbeat.
//
// The stream takes GET only. When s.streams streams are open already, it
// answers 503 with Retry-After, and the client tries again later.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if r.Method != http.MethodGet {
		h.Set("Allow", "GET")
		http.Error(w, "method not allowed: the event stream takes GET only", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	q := r.URL.Query()
	url, sum := q.Get("path"), q.Get("h")
	c := &client{url: url, ch: make(chan event, 16), gone: make(chan struct{})}
	if !s.clients.add(c, s.streams) {
		h.Set("Retry-After", "10")
		http.Error(w, fmt.Sprintf("too many live-reload connections (%d): close some tabs of this site", s.streams), http.StatusServiceUnavailable)
		return
	}
	defer s.clients.remove(c)
	// A stream lasts as long as the tab, past the server's WriteTimeout:
	// each write gets a deadline of its own instead, so that a client that
	// stops reading is dropped. (The server lifts the read deadline itself
	// once the request is read.)
	rc.SetWriteDeadline(time.Now().Add(writeTimeout))

	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	hello := struct {
		ID      string `json:"id"`
		Version int64  `json:"version"`
	}{ID: s.id}
	sn := s.snap.Load()
	if sn != nil {
		hello.Version = sn.version
	}
	first := []event{{name: "hello", data: mustJSON(hello)}}
	if sn != nil {
		file := sn.fileOf(url)
		var ch change
		switch {
		case file == "" && sum != notFoundSum:
			ch.Removed = []string{url}
		case file != "":
			// A snapshot never changes: the file fileOf found is there.
			if e, _ := sn.get(file); e.sum != sum {
				ch.Updated = []string{url}
			}
		}
		if !ch.empty() {
			first = append(first, event{name: "change", data: mustJSON(ch.sorted())})
		}
	}
	if f := s.fail.Load(); f != nil {
		first = append(first, event{name: "error", data: f.data})
	} else {
		first = append(first, event{name: "ok", data: []byte("{}")})
	}
	for _, ev := range first {
		if writeEvent(w, ev) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}

	tick := time.NewTicker(s.opts.Heartbeat)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-c.gone:
			return
		case ev := <-c.ch:
			err = writeEvent(w, ev)
		case <-tick.C:
			_, err = io.WriteString(w, ": ping\n\n")
		}
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}
