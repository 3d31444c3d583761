package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/ladder-ssg/ladder/internal/serve"
)

func runServe(e *env, args []string) int {
	fs := flags(e, "serve")
	open := srcFlag(fs, true)
	addr := fs.String("addr", "127.0.0.1:1313", "the address to listen on; port 0 picks a free port")
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
		errorf(e, "%v", err)
		return ExitFailure
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
		Drafts:    *drafts,
		Generator: "ladder " + version(),
		Poll:      *poll,
		Log:       e.stderr,
		Color:     e.color,
	})
	fmt.Fprintf(e.stdout, "serving http://%s%s (press Ctrl-C to stop)\n", displayAddr(ln.Addr()), srv.BasePath())
	if err := srv.Serve(ctx, ln); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stdout, "stopped")
	return ExitOK
}

// displayAddr returns the address to print in the URL: a listener on every
// interface (":1313", "0.0.0.0:1313") is reached through localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
