// Package release turns what a user names on the command line into a
// framework to compare — a site's folder, a framework.json file, or the
// site at a git revision of the repository that holds it — and records a
// release of a site: its framework.json kept under releases/ and a
// [[releases]] entry in site.toml.
//
// A site is loaded and checked as build does, and turned into the data
// that build writes to /data/framework.json, so that all three forms
// compare alike (see package diff).
package release

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
)

// ContentError is the error of a site that does not check clean, or of a
// framework.json that does not decode: the content's fault, not the
// command line's.
type ContentError struct {
	Label   string       // what the user named
	Diags   diag.List    // the site's diagnostics; nil for a file
	Sources diag.Sources // to print them
	Err     error        // for a file
}

func (e *ContentError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Label, e.Err)
	}
	return fmt.Sprintf("%s: the content has errors: %s", e.Label, diag.Summary(e.Diags))
}

// UsageError is the error of a name that is neither a site's folder nor a
// file, or of a git revision that the repository does not have.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Open returns the framework that name holds: a site's folder (with a
// site.toml), or a framework.json file.
func Open(name string) (*datafile.Framework, error) {
	info, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &UsageError{Msg: fmt.Sprintf("%s does not exist: give a site's folder or a framework.json file", name)}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if !info.IsDir() {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		f, err := datafile.Decode(data)
		if err != nil {
			return nil, &ContentError{Label: name, Err: err}
		}
		return f, nil
	}
	if _, err := os.Stat(filepath.Join(name, load.ConfigFile)); err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s is not a site: it has no %s (give a site's folder or a framework.json file)", name, load.ConfigFile)}
	}
	proj, err := pipeline.Open(name, false)
	if err != nil {
		return nil, err
	}
	f, _, err := Compile(proj, name)
	return f, err
}

// Compile loads and checks a project and returns its framework, as build
// writes it, and the site. A site with errors is a *ContentError.
func Compile(proj *pipeline.Project, label string) (*datafile.Framework, *site.Site, error) {
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{}, nil)
	if err != nil {
		return nil, nil, err
	}
	if res.Diags.Errors() > 0 {
		return nil, nil, &ContentError{Label: label, Diags: res.Diags, Sources: res.Texts.Sources()}
	}
	return Framework(res.Site), res.Site, nil
}

// Framework returns the framework.json data of a site, as build writes it.
func Framework(s *site.Site) *datafile.Framework {
	return datafile.BuildFramework(s, func(x any) string {
		u := render.URLOf(x)
		if len(u) > 0 && u[0] == '/' {
			return u[1:]
		}
		return u
	})
}
