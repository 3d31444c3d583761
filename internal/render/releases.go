package render

import (
	"slices"
	"time"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diff"
	"github.com/ladder-ssg/ladder/internal/site"
)

// ReleaseView is a release of the framework as /changes/ shows it: its
// version, date and summary, and what changed since the release before it,
// grouped as ladder diff groups it.
type ReleaseView struct {
	Version  string
	Date     string // YYYY-MM-DD
	Day      time.Time
	Summary  string
	Anchor   string // the id of its section on /changes/: "release-2026.1"
	Previous string // the version it is compared with; "" for the first
	Count    int    // changes since Previous
	Groups   []ReleaseGroup
}

// ReleaseGroup is the changes of a release to one part of the framework.
type ReleaseGroup struct {
	Title string // in the site's language
	Items []ReleaseItem
}

// ReleaseItem is one change, in words of the site's language.
type ReleaseItem struct {
	Subject string // "level eng/e2 Engineer II"
	Text    string // "expects Coding (code) at 3 Fluent, up from 2 Practising"
	OldText string // an expectation's words before and after, when reworded
	NewText string
}

// LevelRelease is what the newest release changed for one level, for the
// box on its page.
type LevelRelease struct {
	Version string
	Anchor  string
	Items   []ReleaseItem
}

// releaseData is the releases of the site, worked out once.
type releaseData struct {
	views   []ReleaseView            // newest first
	byLevel map[string]*LevelRelease // the newest release's changes, by level full id
}

// releaseInfo reads the site's releases: each [[releases]] entry's
// framework.json (the loader checked it), or the site's own framework for
// the entry of its own version without a file, oldest first by date; each
// is compared with the one before it.
func (r *Renderer) releaseInfo() *releaseData {
	r.releasesOnce.Do(func() {
		type rel struct {
			site.Release
			fw *datafile.Framework
		}
		var rels []rel
		for _, x := range r.site.Config.Releases {
			var fw *datafile.Framework
			if x.Data != nil {
				f, err := datafile.Decode(x.Data)
				if err != nil {
					continue // reported by the loader
				}
				fw = f
			} else if x.Version == r.site.Config.Version {
				fw = datafile.BuildFramework(r.site, func(e any) string { return URLOf(e)[1:] })
			} else {
				continue
			}
			rels = append(rels, rel{x, fw})
		}
		slices.SortStableFunc(rels, func(a, b rel) int { return a.Date.Compare(b.Date) })
		d := &releaseData{byLevel: map[string]*LevelRelease{}}
		for i, x := range rels {
			v := ReleaseView{Version: x.Version, Date: date(x.Date), Day: x.Date, Summary: x.Summary, Anchor: "release-" + x.Version}
			if i > 0 {
				rep := diff.Compare(rels[i-1].fw, x.fw)
				v.Previous, v.Count = rels[i-1].Version, len(rep.Changes)
				for _, g := range rep.Groups() {
					rg := ReleaseGroup{Title: r.changeGroup(g)}
					for _, c := range g.Changes {
						rg.Items = append(rg.Items, r.item(c, true))
					}
					v.Groups = append(v.Groups, rg)
				}
				if i == len(rels)-1 {
					for _, c := range rep.Changes {
						if c.Entity != diff.Level {
							continue
						}
						lr := d.byLevel[c.ID]
						if lr == nil {
							lr = &LevelRelease{Version: x.Version, Anchor: v.Anchor}
							d.byLevel[c.ID] = lr
						}
						lr.Items = append(lr.Items, r.item(c, false))
					}
				}
			}
			d.views = append(d.views, v)
		}
		slices.Reverse(d.views)
		r.releases = d
	})
	return r.releases
}

func (r *Renderer) item(c diff.Change, subject bool) ReleaseItem {
	it := ReleaseItem{Text: r.changeText(c), OldText: c.OldText, NewText: c.NewText}
	if subject {
		it.Subject = r.changeSubject(c)
	}
	return it
}

// Releases returns the site's releases, newest first, each with what
// changed since the one before it.
func (p *Page) Releases() []ReleaseView { return p.r.releaseInfo().views }

// LevelRelease returns what the newest release changed for level l, or nil
// when it changed nothing there (or the site has no releases).
func (p *Page) LevelRelease(l *site.Level) *LevelRelease {
	if len(p.Site.Config.Releases) == 0 {
		return nil
	}
	return p.r.releaseInfo().byLevel[l.FullID()]
}
