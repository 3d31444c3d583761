package themefs

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	top := fstest.MapFS{
		"layouts/baseof.html":         {Data: []byte("top baseof")},
		"layouts/partials/aside.html": {Data: []byte("top aside")},
		"assets/extra.css":            {Data: []byte("top css")},
	}
	base := fstest.MapFS{
		"layouts/baseof.html":          {Data: []byte("base baseof")},
		"layouts/level.html":           {Data: []byte("base level")},
		"layouts/partials/header.html": {Data: []byte("base header")},
		"assets/style.css":             {Data: []byte("base css")},
	}
	o := Overlay(top, base)
	for name, want := range map[string]string{
		"layouts/baseof.html":          "top baseof",
		"layouts/level.html":           "base level",
		"layouts/partials/aside.html":  "top aside",
		"layouts/partials/header.html": "base header",
		"assets/style.css":             "base css",
		"assets/extra.css":             "top css",
	} {
		b, err := fs.ReadFile(o, name)
		if err != nil || string(b) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, b, err, want)
		}
	}
	var walked []string
	err := fs.WalkDir(o, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			walked = append(walked, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "assets/extra.css assets/style.css layouts/baseof.html layouts/level.html layouts/partials/aside.html layouts/partials/header.html"
	if got := strings.Join(walked, " "); got != want {
		t.Errorf("walk:\n got %s\nwant %s", got, want)
	}
	if _, err := fs.ReadFile(o, "layouts/nosuch.html"); err == nil {
		t.Error("a file in neither was read")
	}
	if err := fstest.TestFS(o, "layouts/baseof.html", "layouts/level.html", "assets/extra.css", "assets/style.css"); err != nil {
		t.Error(err)
	}
}
