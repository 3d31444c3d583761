package render

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder"
)

// TestPageKindNames checks that every kind has a name of its own, which
// templates and the texts' keys depend on, and that a value that is no
// kind says so.
func TestPageKindNames(t *testing.T) {
	seen := map[string]PageKind{}
	for k := KindHome; k < kindCount; k++ {
		name := pageKindNames[k]
		if name == "" {
			t.Errorf("kind %d has no name", uint8(k))
			continue
		}
		if k.String() != name {
			t.Errorf("PageKind(%d).String() = %q, want %q", uint8(k), k.String(), name)
		}
		if prev, ok := seen[name]; ok {
			t.Errorf("kinds %d and %d are both named %q", uint8(prev), uint8(k), name)
		}
		seen[name] = k
	}
	for _, k := range []PageKind{0, kindCount, 255} {
		if got := k.String(); !strings.HasPrefix(got, "PageKind(") {
			t.Errorf("PageKind(%d).String() = %q, want PageKind(n)", uint8(k), got)
		}
	}
}

// TestTemplatedKinds checks that the default theme has a layout for every
// kind drawn by a template, and none named after a kind drawn without
// one, which would never be used.
func TestTemplatedKinds(t *testing.T) {
	theme := ladder.DefaultTheme()
	for k := KindHome; k < kindCount; k++ {
		_, err := fs.Stat(theme, "layouts/"+k.String()+".html")
		if k.templated() && err != nil {
			t.Errorf("%v is drawn by a template, but the theme has no layouts/%v.html", k, k)
		}
		if !k.templated() && err == nil {
			t.Errorf("%v is drawn without a template, but the theme has layouts/%v.html", k, k)
		}
	}
}
