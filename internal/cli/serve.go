package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/ladder-ssg/ladder/internal/serve"
)

func runServe(e *env, args []string) int {
	fs := flags(e, "serve")
	open := srcFlag(fs, true)
	addr := fs.String("addr", "127.0.0.1:1313", "the address to listen on; port 0 picks a free port; 0.0.0.0:PORT makes the site reachable from the network")
	var allow hostList
	fs.Var(&allow, "allow-host", "also answer requests for this host `name` (repeatable; .example.com allows every name under it), e.g. behind a proxy; by default only localhost and the addresses listened on are answered")
	poll := fs.Duration("poll", 0, "poll the files for changes at this interval (e.g. 500ms) instead of using file-system notifications")
	drafts := fs.Bool("drafts", true, "show entities marked draft = true, with a banner (--drafts=false leaves them out, as build does)")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "serve takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	if *poll < 0 {
		errorf(e, "--poll must be a positive duration, e.g. 500ms")
		return ExitUsage
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		errorf(e, "%v", err)
		fmt.Fprintf(e.stderr, "ladder: hint: another program may be using that port; pick another with --addr 127.0.0.1:PORT, or --addr 127.0.0.1:0 for any free port\n")
		return ExitFailure
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := serve.New(proj, serve.Options{
		Drafts:     *drafts,
		Generator:  "ladder " + version(),
		Poll:       *poll,
		Log:        e.stderr,
		Color:      e.color,
		AllowHosts: allow,
	})
	urls, exposed := serve.ListenURLs(ln.Addr(), srv.BasePath())
	printListening(e.stdout, e.stderr, urls, exposed, ln.Addr())
	if err := srv.Serve(ctx, ln); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stdout, "stopped")
	return ExitOK
}

// printListening says where the server is reached: one URL, or, on every
// interface, each of them. A server that other machines can reach gets a
// warning, since it serves drafts and the whole framework to them.
func printListening(stdout, stderr io.Writer, urls []string, exposed bool, addr net.Addr) {
	if len(urls) == 1 {
		fmt.Fprintf(stdout, "serving %s (press Ctrl-C to stop)\n", urls[0])
	} else {
		fmt.Fprintf(stdout, "serving on every network interface (press Ctrl-C to stop):\n")
		for _, u := range urls {
			fmt.Fprintf(stdout, "  %s\n", u)
		}
	}
	if exposed {
		_, port, _ := net.SplitHostPort(addr.String())
		where := "this address"
		if len(urls) > 1 {
			where = "these addresses"
		}
		fmt.Fprintf(stderr, "ladder: warning: the dev server is reachable from the network: anyone who can reach %s can read the whole framework, drafts included\n", where)
		fmt.Fprintf(stderr, "ladder: hint: to keep it on this machine, use --addr 127.0.0.1:%s\n", port)
	}
}

// hostList is the value of the repeatable --allow-host flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

// Set adds a host name, refusing what is not one (a URL, a path).
func (h *hostList) Set(v string) error {
	name := strings.TrimSpace(v)
	if name == "" || strings.ContainsAny(name, "/ @?#") || strings.Contains(name, "://") {
		return fmt.Errorf("%q is not a host name; give a name such as dev.example.com (without http:// or a path)", v)
	}
	*h = append(*h, name)
	return nil
}
