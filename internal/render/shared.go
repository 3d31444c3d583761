package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// Fragment is what a template drawn through Page.Shared receives: the
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

// Shared returns what the template name (a partial, such as
// "partials/scale.html") draws for x, drawn once for the site and reused by
// every page that shows it, as long as they write links alike. The template
// receives a Fragment, and must draw nothing but what follows from x, the
// site and the links of the page: it must not name the page itself, which is
// only the first of those that reuse the result. x must be comparable (an
// entity, a string, a number).
func (p *Page) Shared(name string, x any) (template.HTML, error) {
	if x != nil && !reflect.TypeOf(x).Comparable() {
		return "", fmt.Errorf("shared %s: %T cannot be a key (use an entity, a string or a number)", name, x)
	}
	key := sharedKey{name: name, of: x, pre: p.pre}
	if h, ok := p.r.shared.Load(key); ok {
		return h.(template.HTML), nil
	}
	t, ok := p.r.tmpls[p.Kind]
	if !ok {
		return "", fmt.Errorf("shared %s: no templates for page kind %q", name, p.Kind)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, Fragment{Page: p, Of: x}); err != nil {
		return "", err
	}
	h, _ := p.r.shared.LoadOrStore(key, template.HTML(b.String()))
	return h.(template.HTML), nil
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
