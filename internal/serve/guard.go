package serve

import (
	"container/list"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"
)

// What guards the dev server. It serves drafts and the whole framework to
// whoever can reach it, so it is careful about who that is:
//
//   - Host check. A web page the editor visits could point a name of its
//     own at 127.0.0.1 (DNS rebinding) and read the site through it. A
//     browser sends that name in the Host header, so the server answers
//     only requests whose Host is localhost (or a name under .localhost,
//     which browsers resolve to the loopback), a loopback address, the
//     address it is bound to (every address of the machine when bound to
//     an unspecified one, such as 0.0.0.0), or a name given with
//     --allow-host. Others get 403 with a line saying how to allow them.
//   - Content-Security-Policy on every response: scripts, styles, images,
//     fonts and connections from the server itself only, nothing inline,
//     no plugins, no framing. The live-reload client and the overlay's
//     stylesheet are files under __ladder/ for that reason.
//   - Limits. Reading a request's header may take 10 seconds, a whole
//     request 30; an idle keep-alive connection is closed after a minute.
//     At most maxConns connections are open at once: past that, the one
//     that has waited longest without a request in flight is closed, so
//     that thousands of idle connections can neither use up the process's
//     file descriptors (the watcher and the build need them) nor keep a
//     browser's requests waiting. At most maxStreams event streams are
//     open at once; past that, 503 with Retry-After, and the client backs
//     off.

// Limits of the HTTP server; see above.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = time.Minute
	idleTimeout       = time.Minute
	maxConns          = 512
	maxStreams        = 64
)

// policy is the Content-Security-Policy of every response.
const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// hosts decides which Host headers the server answers. It is immutable; a
// server bound to an unspecified address makes a new one when the
// machine's addresses change.
type hosts struct {
	names map[string]bool     // lower case, without a final dot
	ips   map[netip.Addr]bool // without zones, IPv4 unmapped
	any   bool                // bound to an unspecified address: the machine's addresses count
	port  string              // the bound port, for the message; "" before Serve
}

// newHosts returns the hosts allowed for a server bound to bound (nil
// before it listens) with the extra names allow; ifaces are the machine's
// addresses, used when bound is unspecified.
func newHosts(bound net.Addr, allow []string, ifaces []netip.Addr) *hosts {
	h := &hosts{names: map[string]bool{"localhost": true}, ips: map[netip.Addr]bool{}}
	for _, a := range allow {
		a = normHost(a)
		if ip, err := netip.ParseAddr(a); err == nil {
			h.ips[ip.WithZone("").Unmap()] = true
		} else {
			h.names[a] = true
		}
	}
	if bound == nil {
		return h
	}
	ap, err := netip.ParseAddrPort(bound.String())
	if err != nil {
		return h
	}
	h.port = fmt.Sprint(ap.Port())
	ip := ap.Addr().WithZone("").Unmap()
	if ip.IsUnspecified() {
		h.any = true
		for _, a := range ifaces {
			h.ips[a.WithZone("").Unmap()] = true
		}
	} else {
		h.ips[ip] = true
	}
	return h
}

// normHost returns a host name in the form hosts compares: lower case,
// without brackets, a port or a final dot.
func normHost(host string) string {
	host = strings.ToLower(strings.TrimSpace(host))
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(host, ".")
}

// allows reports whether a request with this Host header is answered.
func (h *hosts) allows(header string) bool {
	host := normHost(header)
	if host == "" {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.WithZone("").Unmap()
		return ip.IsLoopback() || h.ips[ip]
	}
	if h.names[host] || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for name := range h.names {
		// ".example.com" allows the domain and every name under it.
		if strings.HasPrefix(name, ".") && (host == name[1:] || strings.HasSuffix(host, name)) {
			return true
		}
	}
	return false
}

// interfaceAddrs returns the unicast addresses of the machine's network
// interfaces, without link-local ones, or nil when they cannot be listed.
func interfaceAddrs() []netip.Addr {
	as, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, a := range as {
		p, err := netip.ParsePrefix(a.String())
		if err != nil {
			continue
		}
		ip := p.Addr().Unmap()
		if ip.IsLinkLocalUnicast() || ip.IsMulticast() || ip.IsUnspecified() {
			continue
		}
		out = append(out, ip)
	}
	slices.SortFunc(out, func(a, b netip.Addr) int {
		// Loopback first, then IPv4, then IPv6.
		if a.IsLoopback() != b.IsLoopback() {
			if a.IsLoopback() {
				return -1
			}
			return 1
		}
		if a.Is4() != b.Is4() {
			if a.Is4() {
				return -1
			}
			return 1
		}
		return a.Compare(b)
	})
	return slices.Compact(out)
}

// ListenURLs returns the URLs the server on addr is reached at, with the
// base path base: the address itself, or, for an unspecified address
// (0.0.0.0, [::]), localhost and every address of the machine. Exposed
// reports whether any of them can be reached from other machines.
func ListenURLs(addr net.Addr, base string) (urls []string, exposed bool) {
	return listenURLs(addr, base, interfaceAddrs)
}

func listenURLs(addr net.Addr, base string, ifaces func() []netip.Addr) (urls []string, exposed bool) {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return []string{"http://" + addr.String() + base}, false
	}
	port := ap.Port()
	ip := ap.Addr().WithZone("").Unmap()
	if !ip.IsUnspecified() {
		return []string{"http://" + netip.AddrPortFrom(ip, port).String() + base}, !ip.IsLoopback()
	}
	urls = []string{fmt.Sprintf("http://localhost:%d%s", port, base)}
	for _, a := range ifaces() {
		if ap.Addr().Is4() && !a.Is4() {
			continue // a listener on 0.0.0.0 may not take IPv6
		}
		if !a.IsLoopback() {
			exposed = true
		}
		urls = append(urls, "http://"+netip.AddrPortFrom(a, port).String()+base)
	}
	return urls, exposed
}

// checkHost answers a request whose Host is not allowed with 403 and
// reports false; it reports true for the others.
func (s *Server) checkHost(w http.ResponseWriter, r *http.Request) bool {
	h := s.hosts.Load()
	if h.allows(r.Host) {
		return true
	}
	if h.any {
		// The machine's addresses may have changed since the server started.
		if _, err := netip.ParseAddr(normHost(r.Host)); err == nil {
			h = newHosts(s.bound, s.opts.AllowHosts, interfaceAddrs())
			s.hosts.Store(h)
			if h.allows(r.Host) {
				return true
			}
		}
	}
	name := normHost(r.Host)
	msg := fmt.Sprintf("ladder serve does not answer requests for host %q: it answers localhost and the addresses it listens on, so that other web pages cannot read the site through a name of their own.\n", r.Host)
	if name != "" {
		msg += fmt.Sprintf("To allow this host, restart it with --allow-host %s\n", name)
	}
	http.Error(w, msg, http.StatusForbidden)
	return false
}

// newHTTPServer returns the HTTP server of s, with its limits, serving
// requests with contexts derived from ctx.
func (s *Server) newHTTPServer(ctx context.Context) *http.Server {
	lim := newConnLimit(s.maxConns)
	s.conns.Store(lim)
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,  // event streams lift it
		WriteTimeout:      writeTimeout, // event streams lift it
		IdleTimeout:       idleTimeout,
		ConnState:         lim.track,
		// Request contexts derive from ctx, so event streams end with it.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(io.Discard, "", 0),
	}
}

// connLimit keeps the number of open connections at most max by closing,
// when a new one comes, the connection that has waited longest without a
// request in flight (new or idle, in http.ConnState's words). A
// connection that is answering a request is never closed.
type connLimit struct {
	max int

	mu      sync.Mutex
	open    map[net.Conn]*list.Element // nil element: active
	waiting list.List                  // of net.Conn, oldest first
}

func newConnLimit(max int) *connLimit {
	return &connLimit{max: max, open: map[net.Conn]*list.Element{}}
}

// track is the http.Server's ConnState hook.
func (l *connLimit) track(c net.Conn, st http.ConnState) {
	var evict net.Conn
	l.mu.Lock()
	e, known := l.open[c]
	if e != nil {
		l.waiting.Remove(e)
	}
	switch st {
	case http.StateNew:
		if len(l.open) >= l.max {
			if first := l.waiting.Front(); first != nil {
				evict = l.waiting.Remove(first).(net.Conn)
				delete(l.open, evict)
			} else {
				evict = c // every connection is busy: this one waits its turn elsewhere
			}
		}
		if evict != c {
			l.open[c] = l.waiting.PushBack(c)
		}
	case http.StateIdle:
		if known {
			l.open[c] = l.waiting.PushBack(c)
		}
	case http.StateActive:
		if known {
			l.open[c] = nil
		}
	case http.StateClosed, http.StateHijacked:
		delete(l.open, c)
	}
	l.mu.Unlock()
	if evict != nil {
		evict.Close()
	}
}

// count returns the number of connections open.
func (l *connLimit) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.open)
}
