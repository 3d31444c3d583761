package render

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/ladder-ssg/ladder/internal/datafile"
)

// # Names with content hashes
//
// A build publishes the theme's stylesheets and scripts and the data the
// tools read under names that carry a hash of their content, so that a
// server may let browsers keep them for a year (Cache-Control: immutable)
// and a new build is never served with an old file:
//
//	assets/style.css                 assets/style.<hash>.css
//	data/tools/index.json            data/tools/index.<hash>.json
//	data/tools/tracks/<t>.json       data/tools/tracks/<t>.<version>.json
//	data/tools/assess/<t>.json       data/tools/assess/<t>.<version>.json
//	data/tools/plans/<id>.json       data/tools/plans/<id>.<version>.json
//	data/search.json                 data/search.<hash>.json
//	data/search/t3.json              data/search/t3.<version>.json
//
// A file that pages link is named by its own bytes. A file that only
// another data file names (a track's file, a part of the search index) is
// named by the version of its set, which the naming file holds (the tools'
// index its track_file, assess_file and plan_file, the search layout its file): the naming file's
// hash then covers every file it leads to. Pages learn the names from
// their links ({{.Asset "style.css"}}) and from a JSON data block in the
// head ({{.DataFiles}}), so that no extra request is needed to find them.
//
// Names are worked out once, before the first page is drawn, by drawing
// the data files (the tools' index is kept, the search index's parts are
// drawn again when written). The dev server keeps the plain names
// (Options.StableNames): it serves every file with no-store, and swaps a
// stylesheet by its name and a version query. framework.json, its schema
// and the content schemas keep their plain names in every build: they are
// documented addresses for integrations and editors, served with no-cache.
//
// With relative_urls, a build also writes each data file the tools read as
// a script beside it (data/tools/index.<hash>.js), which assigns the same
// JSON to window.LadderData[path]: browsers refuse fetch() to a page
// opened from disk (file://) but run its scripts, so the tools load the
// scripts there instead (see tools.js).

// hashLen is the number of hex digits of a content hash in a name.
const hashLen = 8

// contentHash returns the hash of b that names carry.
func contentHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])[:hashLen]
}

// hashedAsset reports whether a theme asset is published under a name with
// its hash: stylesheets and scripts, which pages link with .Asset. Images
// and fonts keep their names, since a stylesheet may name them in url().
func hashedAsset(p string) bool {
	switch path.Ext(p) {
	case ".css", ".js":
		return true
	}
	return false
}

// scriptData reports whether a data file is read by the tools, and so
// gets a script beside it in a build with relative_urls.
func (r *Renderer) scriptData(spec PageSpec) bool {
	switch spec.Kind {
	case KindSearchIndex:
		return true
	case KindData:
		f, _ := r.dataFile(spec)
		return f.Kind == datafile.KindToolIndex || f.Kind == datafile.KindToolTrack || f.Kind == datafile.KindToolAssess || f.Kind == datafile.KindToolPlan
	}
	return false
}

// scriptPath returns the path of the script beside a data file.
func scriptPath(p string) string { return strings.TrimSuffix(p, ".json") + ".js" }

// dataScript wraps the JSON of the data file published at p into the
// script that is published beside it.
func dataScript(p string, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) + len(p) + 64)
	b.WriteString(`(self.LadderData=self.LadderData||{})["`)
	b.WriteString(p)
	b.WriteString(`"]=`)
	b.Write(bytes.TrimRight(data, "\n"))
	b.WriteString(";\n")
	return b.Bytes()
}

// names works out, once, the published name of every file whose name
// carries a hash (see above); nil with Options.StableNames.
func (r *Renderer) names() (map[string]string, error) {
	if r.opts.StableNames {
		return nil, nil
	}
	r.namesOnce.Do(func() {
		names := map[string]string{}
		for p, b := range r.assets {
			if r.themeAsset[p] && hashedAsset(p) {
				names[p] = datafile.VersionedName(p, contentHash(b))
			}
		}
		// The tools' data and the search index are hashed side by side:
		// each takes about a second at 10,000 levels, and every page
		// waits for both before it can name a file.
		var (
			toolVer, searchVer string
			toolErr, searchErr error
			wg                 sync.WaitGroup
		)
		wg.Go(func() { toolVer, toolErr = r.data.Version() })
		searchVer, searchErr = r.search.Version()
		wg.Wait()
		if err := cmp.Or(toolErr, searchErr); err != nil {
			r.namesErr = err
			return
		}
		for _, spec := range r.pages {
			switch spec.Kind {
			case KindData:
				f, _ := r.dataFile(spec)
				switch f.Kind {
				case datafile.KindToolIndex:
					b, err := r.data.Render(f)
					if err != nil {
						r.namesErr = err
						return
					}
					names[spec.Path] = datafile.VersionedName(spec.Path, contentHash(b))
				case datafile.KindToolTrack, datafile.KindToolAssess, datafile.KindToolPlan:
					names[spec.Path] = datafile.VersionedName(spec.Path, toolVer)
				}
			case KindSearchIndex:
				f, _ := r.searchFile(spec)
				if f.Part() {
					names[spec.Path] = datafile.VersionedName(spec.Path, searchVer)
					continue
				}
				b, err := r.search.Render(f)
				if err != nil {
					r.namesErr = err
					return
				}
				names[spec.Path] = datafile.VersionedName(spec.Path, contentHash(b))
			}
		}
		for _, spec := range r.pages {
			if src, ok := r.scriptSource(spec); ok {
				names[spec.Path] = scriptPath(names[src.Path])
			}
		}
		r.nameOf = names
	})
	return r.nameOf, r.namesErr
}

// OutputPath returns the path that a build writes the page or asset at
// output path p to: p itself, or for the files whose names carry a hash of
// their content, that name ("assets/style.css" is written to
// "assets/style.<hash>.css").
func (r *Renderer) OutputPath(p string) (string, error) {
	names, err := r.names()
	if err != nil {
		return "", fmt.Errorf("name the files of the build: %w", err)
	}
	if n, ok := names[p]; ok {
		return n, nil
	}
	return p, nil
}

// DataPath returns the path from the site root of a data file as it is
// published ("data/tools/index.<hash>.json" for "data/tools/index.json").
func (p *Page) DataPath(name string) (string, error) {
	return p.r.OutputPath(strings.TrimPrefix(name, "/"))
}

// DataFiles returns what the tools' scripts need to find the data files,
// which the head partial writes into a JSON data block (<script
// type="application/json" id="ladder-files">): the published paths, from
// the site root, of the tools' index ("tools") and the search index
// ("search"); "relative": true with relative_urls, so that the scripts'
// links to pages name their index.html; and "scripts": true when the data
// files are also published as scripts (a build with relative_urls), which
// the tools load when the page is opened from disk. A data block in the head, rather than
// attributes of <body>, reaches the scripts of every theme that keeps the
// head partial, whatever its baseof.html.
func (p *Page) DataFiles() (map[string]any, error) {
	tools, err := p.DataPath("data/tools/index.json")
	if err != nil {
		return nil, err
	}
	search, err := p.DataPath("data/search.json")
	if err != nil {
		return nil, err
	}
	files := map[string]any{"tools": tools, "search": search}
	if p.r.site.Config.RelativeURLs {
		files["relative"] = true
		if !p.r.opts.StableNames {
			files["scripts"] = true
		}
	}
	return files, nil
}
