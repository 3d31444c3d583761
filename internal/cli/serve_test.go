package cli

import (
	"bytes"
	"net"
	"testing"
)

func TestPrintListening(t *testing.T) {
	loop := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 1313}
	every := &net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}
	one := &net.TCPAddr{IP: net.ParseIP("192.0.2.2"), Port: 1313}
	for _, tc := range []struct {
		name           string
		urls           []string
		exposed        bool
		addr           net.Addr
		stdout, stderr string
	}{
		{
			name: "loopback", urls: []string{"http://127.0.0.1:1313/careers/"}, addr: loop,
			stdout: "serving http://127.0.0.1:1313/careers/ (press Ctrl-C to stop)\n",
		},
		{
			name: "every interface", exposed: true, addr: every,
			urls: []string{"http://localhost:1313/", "http://127.0.0.1:1313/", "http://192.0.2.2:1313/", "http://[::1]:1313/", "http://[fd00::2]:1313/"},
			stdout: "serving on every network interface (press Ctrl-C to stop):\n" +
				"  http://localhost:1313/\n  http://127.0.0.1:1313/\n  http://192.0.2.2:1313/\n  http://[::1]:1313/\n  http://[fd00::2]:1313/\n",
			stderr: "ladder: warning: the dev server is reachable from the network: anyone who can reach these addresses can read the whole framework, drafts included\n" +
				"ladder: hint: to keep it on this machine, use --addr 127.0.0.1:1313\n",
		},
		{
			name: "one address", exposed: true, addr: one,
			urls:   []string{"http://192.0.2.2:1313/"},
			stdout: "serving http://192.0.2.2:1313/ (press Ctrl-C to stop)\n",
			stderr: "ladder: warning: the dev server is reachable from the network: anyone who can reach this address can read the whole framework, drafts included\n" +
				"ladder: hint: to keep it on this machine, use --addr 127.0.0.1:1313\n",
		},
	} {
		var out, errs bytes.Buffer
		printListening(&out, &errs, tc.urls, tc.exposed, tc.addr)
		if out.String() != tc.stdout || errs.String() != tc.stderr {
			t.Errorf("%s: stdout\n%s\nstderr\n%s\nwant stdout\n%s\nstderr\n%s", tc.name, out.String(), errs.String(), tc.stdout, tc.stderr)
		}
	}
}

func TestHostListRefusesURLs(t *testing.T) {
	for v, ok := range map[string]bool{
		"dev.example.com": true, ".corp.example": true, "192.0.2.7": true, "[fd00::2]": true,
		"": false, "http://dev.example.com": false, "dev.example.com/x": false, "a b": false, "user@host": false,
	} {
		var h hostList
		if err := h.Set(v); (err == nil) != ok {
			t.Errorf("Set(%q) = %v, want ok %v", v, err, ok)
		}
	}
}
