package browsertest

import (
	"net/http"
	"net/http/httptest"
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
