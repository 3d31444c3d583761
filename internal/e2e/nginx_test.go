package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestNginxRecipe serves the example, built under /careers/, with the real
// nginx and the server block of docs/deploy/nginx.conf, and checks what the
// recipe promises: clean URLs, the redirect of a folder without its slash,
// the 404 page, long caching for the files whose names carry a hash of
// their content (assets, the tools' data) and revalidation for pages and
// the stable data URLs, and that every link of a page resolves under the
// sub-path.
func TestNginxRecipe(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
			if _, err := os.Stat(p); err == nil {
				nginx = p
			}
		}
	}
	if nginx == "" {
		t.Skip("nginx is not installed (apt-get install nginx): skipping the deploy recipe test")
	}
	recipe, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	built, _ := example(t, "/careers/")
	tmp := t.TempDir()
	www := filepath.Join(tmp, "www")
	if err := os.MkdirAll(www, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(built, filepath.Join(www, "careers")); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	server := string(recipe)
	for old, repl := range map[string]string{
		"listen 80;":                        fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"root /srv/www;":                    "root " + www + ";",
		"server_name intranet.example.com;": "server_name localhost;",
	} {
		if !strings.Contains(server, old) {
			t.Fatalf("docs/deploy/nginx.conf no longer holds %q", old)
		}
		server = strings.Replace(server, old, repl, 1)
	}
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[2]s
}
`, tmp, server)
	confPath := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", tmp, "-c", confPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitListening(t, port, &stderr)

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(body)
	}

	resp, home := get("/careers/")
	if resp.StatusCode != 200 || !strings.Contains(home, "<title>") {
		t.Fatalf("GET /careers/: %d, want the home page", resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET /careers/: Cache-Control %q, want no-cache", cc)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("GET /careers/: Content-Security-Policy %q", csp)
	}

	resp, _ = get("/careers/tracks/software")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 301 || loc != "/careers/tracks/software/" {
		t.Errorf("GET /careers/tracks/software: %d to %q, want 301 to /careers/tracks/software/", resp.StatusCode, loc)
	}
	resp, _ = get("/careers/tracks/software/")
	if resp.StatusCode != 200 {
		t.Errorf("GET /careers/tracks/software/: %d", resp.StatusCode)
	}

	resp, body := get("/careers/no/such/page/")
	if resp.StatusCode != 404 || !strings.Contains(body, `href="/careers/`) {
		t.Errorf("GET a missing page: %d, want 404 with the site's 404 page linking under /careers/", resp.StatusCode)
	}

	resp, _ = get("/careers/data/framework.json")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("GET framework.json: %d, Cache-Control %q, Content-Type %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}

	// Every link and asset of the home page resolves under /careers/, and
	// the versioned assets may be cached for a year.
	refs := regexp.MustCompile(`(?:href|src)="(/[^"#]*)"`).FindAllStringSubmatch(home, -1)
	if len(refs) < 10 {
		t.Fatalf("the home page has %d root-relative links; want the site's navigation", len(refs))
	}
	assets := 0
	for _, m := range refs {
		ref := strings.ReplaceAll(m[1], "&amp;", "&")
		if !strings.HasPrefix(ref, "/careers/") {
			t.Errorf("link %q is not under /careers/", ref)
			continue
		}
		resp, _ := get(ref)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", ref, resp.StatusCode)
		}
		if strings.HasPrefix(ref, "/careers/assets/") {
			assets++
			if !hashedRE.MatchString(ref) {
				t.Errorf("asset %s: its name has no hash of its content", ref)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("GET %s: Cache-Control %q, want a year's immutable cache", ref, cc)
			}
		}
	}
	if assets == 0 {
		t.Error("the home page links no asset under /careers/assets/")
	}

	// The data files the tools read, as the page names them, are cached
	// for a year, and so are the track files the tools' index names; the
	// documented data URLs keep their names and are revalidated.
	m := regexp.MustCompile(`<script type="application/json" id="ladder-files">([^<]*)</script>`).FindStringSubmatch(home)
	if m == nil {
		t.Fatal("the home page has no ladder-files data block")
	}
	var files struct{ Tools, Search string }
	if err := json.Unmarshal([]byte(m[1]), &files); err != nil {
		t.Fatal(err)
	}
	immutable := func(p string) string {
		t.Helper()
		resp, body := get(p)
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET %s: %d, Cache-Control %q, Content-Type %q; want 200, a year's immutable cache, JSON", p, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
		}
		return body
	}
	immutable("/careers/" + files.Search)
	var ix struct {
		TrackFile string `json:"track_file"`
	}
	if err := json.Unmarshal([]byte(immutable("/careers/"+files.Tools)), &ix); err != nil {
		t.Fatal(err)
	}
	immutable("/careers/" + strings.ReplaceAll(ix.TrackFile, "{id}", "software"))
	for _, p := range []string{"/careers/data/framework.json", "/careers/data/framework.schema.json", "/careers/tracks/software/ladder.svg"} {
		if resp, _ := get(p); resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: %d, Cache-Control %q; want 200, no-cache", p, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	// A hashed name that no build wrote is the site's 404 page.
	if resp, body := get("/careers/assets/style.00000000.css"); resp.StatusCode != 404 || !strings.Contains(body, `href="/careers/`) {
		t.Errorf("GET a missing hashed asset: %d, want 404 with the site's 404 page", resp.StatusCode)
	}
}

// hashedRE matches a name with a hash of its content.
var hashedRE = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js|json)$`)

// freePort returns a TCP port on the loopback interface that was free a
// moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitListening waits until something accepts connections on port.
func waitListening(t *testing.T, port int, stderr *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("nginx did not start: %s", stderr.String())
}
