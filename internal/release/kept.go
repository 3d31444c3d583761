package release

import (
	"context"
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
)

// KeptDir is the folder of the output, and of the site's URLs, under which
// the releases with keep = true are published: releases/<version>/.
const KeptDir = "releases"

// Kept returns the releases of cfg that are published in full beside the
// current site (keep = true), in site.toml's order.
func Kept(cfg site.Config) []site.Release {
	var kept []site.Release
	for _, r := range cfg.Releases {
		if r.Keep {
			kept = append(kept, r)
		}
	}
	return kept
}

// PublishKept builds each release of cfg with keep = true from the site in
// siteDir as it was at the release's rev, with base URL
// base + "releases/<version>/" and a banner on every page that points to
// the current site, and hands its files to write under
// "releases/<version>/". generator is the generator meta tag.
//
// Discussion: a release keeps only its framework.json in the repository,
// which holds the data but not the pages' prose, so the pages are built
// from git, where the whole site of that day is. The current theme draws
// them: the banner and the links back are the current site's. A release
// whose site no longer builds with this ladder is a *ContentError naming
// the release, so that the build stops and the previous output stays as
// it was, instead of publishing a site with holes in it.
func PublishKept(ctx context.Context, siteDir string, cfg site.Config, base, generator string, write func(path string, data []byte) error) error {
	for _, r := range Kept(cfg) {
		if err := publishOne(ctx, siteDir, r, base, generator, write); err != nil {
			return err
		}
	}
	return nil
}

func publishOne(ctx context.Context, siteDir string, r site.Release, base, generator string, write func(string, []byte) error) error {
	label := fmt.Sprintf("release %s (rev %s)", r.Version, r.Rev)
	dir, cleanup, err := Checkout(ctx, siteDir, r.Rev, "keep = true of release "+r.Version)
	if err != nil {
		return err
	}
	defer cleanup()
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	prefix := KeptDir + "/" + r.Version + "/"
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{
		BaseURL:   strings.TrimSuffix(base, "/") + "/" + prefix,
		Generator: generator,
		Archive:   &render.Archive{Version: r.Version, Date: r.Date},
	}, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	if res.Renderer == nil {
		var errs diag.List
		for _, d := range res.Diags {
			if d.Severity == diag.Error {
				errs = append(errs, d)
			}
		}
		return &ContentError{Label: label + " at that commit", Diags: errs, Sources: res.Texts.Sources()}
	}
	return res.Renderer.Each(nil, func(p string, data []byte) error {
		return write(prefix+p, data)
	})
}

// CheckKept reports, as errors at the rev key of site.toml, the releases
// with keep = true whose rev the site's git repository does not have (or
// that cannot be read because git or the repository is missing), so that
// build and check stop before anything is written. siteDir is "" for the
// example built into ladder, which has no repository: nothing is checked.
// texts are the texts of the site's files, for the positions.
func CheckKept(ctx context.Context, siteDir string, cfg site.Config, texts site.Texts) diag.List {
	var diags diag.List
	if siteDir == "" {
		return nil
	}
	for i, r := range cfg.Releases {
		if !r.Keep || r.Rev == "" {
			continue
		}
		if err := resolve(ctx, siteDir, r.Rev); err != nil {
			diags.Add("release", texts.Of(cfg.Src).Value(fmt.Sprintf("releases[%d].rev", i)),
				"keep = true builds the release from git: give a commit that git log lists (a shallow clone lacks older ones: fetch the whole history, e.g. fetch-depth: 0 in GitHub Actions), or set keep = false",
				"release %q cannot be kept: %v", r.Version, err)
		}
	}
	return diags
}
