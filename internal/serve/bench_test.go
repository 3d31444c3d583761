package serve

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/benchcorpus"
)

// The save-to-reload benchmarks need a large site. They generate it with
// the shared corpus generator (python3), once per run, or use the corpus
// named by an environment variable:
//
//	LADDER_BENCH_CORPUS=/tmp/c-ladder   a corpus made with --format ladder
//	LADDER_BENCH_HUGO=1                 also measure hugo server (needs hugo)
//	LADDER_BENCH_HUGO_CORPUS=/tmp/c-hugo  a corpus made with --format hugo
//
// For example:
//
//	go test -run '^$' -bench SaveToReload -benchtime 40x ./internal/serve/

// benchPages is the number of levels of the generated corpus.
const benchPages = 10000

// corpus returns the generated benchmark site in format ("ladder" or
// "hugo"), or the one named by the environment variable env.
func corpus(b *testing.B, format, env string) string {
	return benchcorpus.Dir(b, benchcorpus.Options{Format: format, Pages: benchPages, Env: env})
}

// firstFile returns the first file (slash path from root) under dir whose
// name ends with suffix and does not start with "_".
func firstFile(b *testing.B, root, dir, suffix string) string {
	b.Helper()
	var found string
	fs.WalkDir(os.DirFS(root), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, suffix) && !strings.HasPrefix(d.Name(), "_") {
			found = p
			return fs.SkipAll
		}
		return nil
	})
	if found == "" {
		b.Fatalf("no %s file under %s", suffix, filepath.Join(root, dir))
	}
	return found
}

// editor rewrites one file, a different way each time, and puts the file
// back as it was when the benchmark ends.
type editor struct {
	path   string
	orig   []byte
	n      int
	change func(orig []byte, n int) []byte // the text of the nth save
}

func newEditor(b *testing.B, path string, change func(orig []byte, n int) []byte) *editor {
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	e := &editor{path: path, orig: orig, change: change}
	b.Cleanup(func() { os.WriteFile(path, orig, 0o644) })
	return e
}

// edit saves the file once more.
func (e *editor) edit(b *testing.B) {
	e.n++
	if err := os.WriteFile(e.path, e.change(e.orig, e.n), 0o644); err != nil {
		b.Fatal(err)
	}
}

// appendLine adds a line that says which save it is: an edit of the body.
func appendLine(orig []byte, n int) []byte {
	return fmt.Appendf(bytes.TrimRight(slices.Clone(orig), "\n"), "\n\nEdited in round %d.\n", n)
}

// renameTitle changes the title in the front matter, which for a track
// orders the site's lists and shows on every page of the track.
func renameTitle(orig []byte, n int) []byte {
	return bytes.Replace(orig, []byte("title = \""), fmt.Appendf(nil, "title = \"%d ", n), 1)
}

// report prints the median latency and reports it as ms/reload.
func report(b *testing.B, name string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	med := lat[len(lat)/2]
	ms := float64(med) / float64(time.Millisecond)
	b.ReportMetric(ms, "ms/reload")
	fmt.Printf("%s: median save-to-reload %.1f ms over %d saves (min %.1f ms, max %.1f ms)\n", name, ms, len(lat),
		float64(lat[0])/float64(time.Millisecond), float64(lat[len(lat)-1])/float64(time.Millisecond))
}

// BenchmarkSaveToReload measures, on a 10,000-level site, the time from
// saving a level's file to the "change" event naming its page, received
// by a client of the event stream with the page open. The edit adds a
// line to the level's body.
func BenchmarkSaveToReload(b *testing.B) {
	saveToReload(b, "ladder", false)
}

// BenchmarkSaveToReloadFull measures the same for an edit of the title of
// the level's track, which orders the list of tracks and shows on the
// level's page.
func BenchmarkSaveToReloadFull(b *testing.B) {
	saveToReload(b, "ladder (whole site)", true)
}

func saveToReload(b *testing.B, name string, track bool) {
	dir := corpus(b, "ladder", "LADDER_BENCH_CORPUS")
	file := firstFile(b, dir, "content/tracks", ".md")
	trackID, lvl := filepath.Base(filepath.Dir(file)), strings.TrimSuffix(filepath.Base(file), ".md")
	edited, change := file, appendLine
	if track {
		edited, change = path.Join(path.Dir(file), "_index.md"), renameTitle
	}
	ed := newEditor(b, filepath.Join(dir, filepath.FromSlash(edited)), change)

	began := time.Now()
	ts := start(b, dir, Options{Drafts: true})
	b.Logf("first build and start in %v", time.Since(began))
	page := "tracks/" + trackID + "/" + lvl + "/"
	ev := openEvents(b, ts, page)
	url := ts.BasePath() + page

	var lat []time.Duration
	for b.Loop() {
		t0 := time.Now()
		ed.edit(b)
		ev.waitFor(b, 30*time.Second, "change naming "+url, changeNaming(b, "updated", url))
		lat = append(lat, time.Since(t0))
		// A person saves again after a moment, not at once: let the
		// rebuild's terminal output (the warnings) finish first, as the
		// Hugo benchmark below lets Hugo's event ticker start afresh.
		time.Sleep(300 * time.Millisecond)
	}
	b.StopTimer()
	report(b, name, lat)
	var ms []int
	for _, m := range regexp.MustCompile(`rebuilt in (\d+) ms`).FindAllStringSubmatch(ts.log.String(), -1) {
		n, _ := strconv.Atoi(m[1])
		ms = append(ms, n)
	}
	if len(ms) > 0 {
		slices.Sort(ms)
		b.Logf("the server's own rebuild time: median %d ms over %d rebuilds", ms[len(ms)/2], len(ms))
	}
}

// BenchmarkHugoSaveToReload measures the same with hugo server on the same
// corpus in Hugo's layout: from saving a level's file to the "reload"
// message on Hugo's livereload websocket. It runs only with
// LADDER_BENCH_HUGO=1.
func BenchmarkHugoSaveToReload(b *testing.B) {
	if os.Getenv("LADDER_BENCH_HUGO") == "" {
		b.Skip("skipping: set LADDER_BENCH_HUGO=1 to measure hugo server")
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("skipping: hugo not found (apt-get install -y hugo)")
	}
	dir := corpus(b, "hugo", "LADDER_BENCH_HUGO_CORPUS")
	file := firstFile(b, dir, "content/levels", ".md")
	ed := newEditor(b, filepath.Join(dir, filepath.FromSlash(file)), appendLine)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(hugo, "server", "--source", dir, "--bind", "127.0.0.1", "--port", fmt.Sprint(port),
		"--disableFastRender=false", "--appendPort=true", "--baseURL", "http://"+addr+"/")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stopProcess(cmd) })

	// The corpus's hugo.toml publishes levels flat: /levels/<file name>/.
	page := "/levels/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
	deadline := time.Now().Add(5 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + page)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("hugo server did not serve %s:\n%s", page, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}

	ws, err := dialLiveReload(addr)
	if err != nil {
		b.Fatalf("livereload: %v\n%s", err, out.String())
	}
	defer ws.conn.Close()
	msgs := make(chan map[string]any, 16)
	go func() {
		defer close(msgs)
		for {
			m, err := ws.read()
			if err != nil {
				return
			}
			var v map[string]any
			if json.Unmarshal(m, &v) == nil {
				msgs <- v
			}
		}
	}()
	if err := ws.write([]byte(`{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`)); err != nil {
		b.Fatal(err)
	}
	select {
	case m := <-msgs:
		if m["command"] != "hello" {
			b.Fatalf("livereload answered %v", m)
		}
	case <-time.After(10 * time.Second):
		b.Fatal("no livereload hello")
	}

	var lat []time.Duration
	for b.Loop() {
		t0 := time.Now()
		ed.edit(b)
		timeout := time.After(30 * time.Second)
	wait:
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					b.Fatalf("livereload closed:\n%s", out.String())
				}
				if m["command"] == "reload" {
					break wait
				}
			case <-timeout:
				b.Fatalf("no reload within 30s after save %d:\n%s", ed.n, out.String())
			}
		}
		lat = append(lat, time.Since(t0))
		// Let Hugo's 500 ms event ticker start afresh, as a person's next
		// save would, and make sure the page has the new text.
		time.Sleep(600 * time.Millisecond)
	}
	b.StopTimer()
	report(b, "hugo", lat)
}

// liveReload is a minimal websocket client for Hugo's livereload endpoint:
// text frames only, enough to say hello and read the reload messages.
type liveReload struct {
	conn net.Conn
	r    *bufio.Reader
}

func dialLiveReload(addr string) (*liveReload, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	var key [16]byte
	rand.Read(key[:])
	fmt.Fprintf(conn, "GET /livereload HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nOrigin: http://%s\r\n\r\n", addr, base64.StdEncoding.EncodeToString(key[:]), addr)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %s", resp.Status)
	}
	return &liveReload{conn: conn, r: r}, nil
}

// write sends one masked text frame, as a client must.
func (w *liveReload) write(p []byte) error {
	var hdr []byte
	hdr = append(hdr, 0x81)
	switch {
	case len(p) < 126:
		hdr = append(hdr, 0x80|byte(len(p)))
	case len(p) < 1<<16:
		hdr = append(hdr, 0x80|126, byte(len(p)>>8), byte(len(p)))
	default:
		return fmt.Errorf("frame too long")
	}
	var mask [4]byte
	rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	body := make([]byte, len(p))
	for i := range p {
		body[i] = p[i] ^ mask[i%4]
	}
	_, err := w.conn.Write(append(hdr, body...))
	return err
}

// read returns the payload of the next data frame, skipping control
// frames.
func (w *liveReload) read() ([]byte, error) {
	for {
		var h [2]byte
		if _, err := io.ReadFull(w.r, h[:]); err != nil {
			return nil, err
		}
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var l [2]byte
			if _, err := io.ReadFull(w.r, l[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(l[:]))
		case 127:
			var l [8]byte
			if _, err := io.ReadFull(w.r, l[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(l[:])
		}
		var mask [4]byte
		if h[1]&0x80 != 0 {
			if _, err := io.ReadFull(w.r, mask[:]); err != nil {
				return nil, err
			}
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(w.r, p); err != nil {
			return nil, err
		}
		if h[1]&0x80 != 0 {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op := h[0] & 0x0f; op {
		case 0x1, 0x2, 0x0:
			return p, nil
		case 0x8:
			return nil, io.EOF
		}
	}
}

// stopProcess interrupts a server started by a benchmark and waits for it
// to end, killing it after 10 s.
func stopProcess(cmd *exec.Cmd) {
	cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}
