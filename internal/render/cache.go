package render

import (
	"crypto/sha256"
	"html/template"
	"sync"

	"github.com/ladder-ssg/ladder/internal/minify"
)

// Cache keeps, between the Renderers of one site, what New derives from
// the theme's and the site's files alone, keyed by their bytes: the parsed
// templates (by the bytes of every layout) and the minified assets (by
// each file's name and bytes). Nothing it holds is ever modified: a
// Renderer clones the templates it executes and shares the bytes of the
// assets. It only saves work: a Renderer made with a Cache draws every
// byte as one made without it. The dev server keeps one for the life of
// the server; a Cache holds only what the last New used. It is safe for
// concurrent use.
type Cache struct {
	mu      sync.Mutex
	tmplKey [sha256.Size]byte
	tmpls   map[string]*template.Template // by page kind, never executed
	assets  map[assetKey][]byte
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// assetKey names the bytes of an asset: the minifier depends on the
// extension of its name.
type assetKey struct {
	name string
	sum  [sha256.Size]byte
}

// templates returns the templates parsed from the layouts whose bytes
// hash to key, parsing them with parse when they are not the last ones.
func (c *Cache) templates(key [sha256.Size]byte, parse func() (map[string]*template.Template, error)) (map[string]*template.Template, error) {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tmpls != nil && c.tmplKey == key {
		return c.tmpls, nil
	}
	t, err := parse()
	if err != nil {
		return nil, err
	}
	c.tmplKey, c.tmpls = key, t
	return t, nil
}

// minifyAssets minifies the assets of m in place, taking what the cache
// has from the last call, and keeps what this call used.
func (c *Cache) minifyAssets(m map[string][]byte) {
	if c == nil {
		for p, b := range m {
			m[p] = minify.Asset(p, b)
		}
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	used := make(map[assetKey][]byte, len(m))
	for p, b := range m {
		k := assetKey{p, sha256.Sum256(b)}
		out, ok := c.assets[k]
		if !ok {
			out = minify.Asset(p, b)
		}
		used[k] = out
		m[p] = out
	}
	c.assets = used
}
