package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// Fragment is what a template drawn by the shared function receives: the
// helpers of the page that asked for it, and the value it draws as Of.
type Fragment struct {
	*Page
	Of any
}

// sharedKey identifies a drawn fragment: the template, the value it draws
// and the prefix of links from the pages that show it (which, with
// relative_urls, depends on their depth).
type sharedKey struct {
	name string
	of   any
	pre  string
}

// shared is the template function {{shared $ "partials/NAME.html" x}}: what
// the template name draws for x, drawn once for the site and reused by every
// page that shows it, as long as they write links alike. The template
// receives a Fragment, and must draw nothing but what follows from x, the
// site and the links of the page: it must not name the page itself, which is
// only the first of those that reuse the result. x must be comparable (an
// entity, a string, a number, a struct of those).
//
// It is a function rather than a method of Page because a template finds a
// function in a map, where it finds a method by name through reflection,
// which costs more than the lookup it saves.
func shared(p *Page, name string, x any) (template.HTML, error) {
	if x != nil && !reflect.TypeOf(x).Comparable() {
		return "", fmt.Errorf("shared %s: %T cannot be a key (use an entity, a string or a number)", name, x)
	}
	key := sharedKey{name: name, of: x, pre: p.pre}
	r := p.r
	r.sharedMu.RLock()
	h, ok := r.shared[key]
	r.sharedMu.RUnlock()
	if ok {
		return h, nil
	}
	t, ok, err := r.template(p.Spec.Kind)
	if !ok {
		return "", fmt.Errorf("shared %s: no templates for page kind %q", name, p.Spec.Kind)
	}
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, Fragment{Page: p, Of: x}); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	r.sharedMu.Lock()
	if r.shared == nil {
		r.shared = map[sharedKey]template.HTML{}
	}
	r.shared[key] = h
	r.sharedMu.Unlock()
	return h, nil
}

// Section returns the first segment of the page's URL ("tracks" for every
// page under /tracks/, "" for the home page): what the main navigation
// marks as current.
func (p *Page) Section() string {
	s := strings.TrimPrefix(p.Spec.URL, "/")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}
