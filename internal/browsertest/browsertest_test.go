package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestBrowserSeesPageAndErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><title>t</title><h1 id="h">hello</h1><script>console.error("boom")</script>`))
	}))
	defer srv.Close()
	b := New(t, 60*time.Second)
	b.Navigate(t, srv.URL)
	text := Eval[string](t, b, `document.getElementById("h").textContent`)
	if text != "hello" {
		t.Errorf("h1 = %q, want hello", text)
	}
	time.Sleep(100 * time.Millisecond)
	if errs := b.Errors(); len(errs) != 1 {
		t.Errorf("errors = %q, want one console error", errs)
	}
}

func TestBrowserSeesPolicyViolations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>t</title><h1 id="h" style="color: red">hello</h1>`))
	}))
	defer srv.Close()
	b := New(t, 60*time.Second)
	b.Navigate(t, srv.URL)
	time.Sleep(200 * time.Millisecond)
	errs := b.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0], "Content Security Policy") {
		t.Errorf("errors = %q, want one Content Security Policy violation", errs)
	}
}
