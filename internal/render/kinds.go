package render

import "strconv"

// PageKind is the kind of a page of the site: which template draws it, or,
// for a file that no template draws (a track's ladder, the data files, the
// sitemap), what writes it. The zero value is no kind, so that a PageSpec
// left empty draws nothing rather than some page.
type PageKind uint8

// The kinds of page drawn by a template: a page of kind k is drawn by
// layouts/<k.String()>.html, of the theme or of the site's own layouts/.
const (
	KindHome         PageKind = iota + 1 // the home page: home.html
	KindTracks                           // every track: tracks.html
	KindTrack                            // a track's ladder and matrix: track.html
	KindLevel                            // a level: level.html
	KindCompetencies                     // every competency: competencies.html
	KindCompetency                       // a competency: competency.html
	KindCourses                          // the course catalogue: courses.html
	KindCourse                           // a course: course.html
	KindPrograms                         // every program: programs.html
	KindProgram                          // a program: program.html
	KindPlans                            // the development-plan templates: plans.html
	KindPlanTemplate                     // a development-plan template: plan-template.html
	KindCompare                          // the compare tool: compare.html
	KindPaths                            // the paths tool: paths.html
	KindPlan                             // the plan tool: plan.html
	KindAssess                           // the self-assessment tool: assess.html
	KindAssessTrack                      // a track's printable forms: assess-track.html
	KindAssessForm                       // a level's printable form: assess-form.html
	KindSearch                           // the search page: search.html
	KindChanges                          // the releases and their changes: changes.html
	KindFreePage                         // a free page (content/pages/): page.html
	KindNotFound                         // the 404 page: 404.html
)

// The kinds of file drawn without a template. They are numbered after the
// templated kinds, so that templated tells the two apart by comparing.
const (
	KindLadderSVG   PageKind = KindNotFound + 1 + iota // a track's ladder as an image
	KindData                                           // a data file (package datafile)
	KindSearchIndex                                    // a file of the search index (package search)
	KindDataScript                                     // a data file wrapped into a script, with relative_urls
	KindSitemap                                        // sitemap.xml
	KindRobots                                         // robots.txt, with [publish] noindex

	// kindCount bounds the kinds, for tables indexed by kind.
	kindCount = KindRobots + 1
)

// pageKindNames holds the name of each kind, which String returns: the
// template's name without .html for a templated kind, which templates see
// as .Kind (body class="kind-<name>") and the interface's texts use in
// their keys ("title.<name>"). It is never written to.
var pageKindNames = [kindCount]string{
	KindHome:         "home",
	KindTracks:       "tracks",
	KindTrack:        "track",
	KindLevel:        "level",
	KindCompetencies: "competencies",
	KindCompetency:   "competency",
	KindCourses:      "courses",
	KindCourse:       "course",
	KindPrograms:     "programs",
	KindProgram:      "program",
	KindPlans:        "plans",
	KindPlanTemplate: "plan-template",
	KindCompare:      "compare",
	KindPaths:        "paths",
	KindPlan:         "plan",
	KindAssess:       "assess",
	KindAssessTrack:  "assess-track",
	KindAssessForm:   "assess-form",
	KindSearch:       "search",
	KindChanges:      "changes",
	KindFreePage:     "page",
	KindNotFound:     "404",
	KindLadderSVG:    "ladder.svg",
	KindData:         "data",
	KindSearchIndex:  "search.json",
	KindDataScript:   "data.js",
	KindSitemap:      "sitemap.xml",
	KindRobots:       "robots.txt",
}

// String returns the kind's name: for a templated kind, the name of its
// template without .html ("track", "assess-form"); "PageKind(n)" for a
// value that is no kind.
func (k PageKind) String() string {
	if k < kindCount && pageKindNames[k] != "" {
		return pageKindNames[k]
	}
	return "PageKind(" + strconv.Itoa(int(k)) + ")"
}

// templated reports whether pages of kind k are drawn by a template.
func (k PageKind) templated() bool { return k >= KindHome && k <= KindNotFound }
