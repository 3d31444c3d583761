package render_test

import (
	"bytes"
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
)

// TestBlocksMatchTemplates checks that the HTML blocks the default theme
// builds in Go (SiteHeader, ExpectationList, CompetencyMatrix, ...) are
// byte for byte what the same markup written as templates draws, escaping
// included: every page of the basic and example sites, the example's
// titles and summaries also with characters HTML escapes, at the root,
// under a sub-path and with relative links, is drawn with the default
// layouts and again with referenceLayouts, which write every value with an
// action of its own. When a block's markup changes, its template below
// changes with it.
func TestBlocksMatchTemplates(t *testing.T) {
	ref := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(referenceLayouts)).Files {
		ref[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	basic, _ := txtarFS(t, "testdata/render/basic.txtar")
	sites := map[string]fs.FS{"basic": basic, "example": ladder.Example(), "odd": oddExample(t)}
	for name, fsys := range sites {
		for _, cfg := range linkConfigs {
			t.Run(name+"/"+cfg.name, func(t *testing.T) {
				fsys := withConfig(t, fsys, cfg.set)
				s, diags, err := load.Dir(fsys, load.Options{})
				if err != nil {
					t.Fatal(err)
				}
				diags = append(diags, check.Site(s)...)
				if diags.Errors() > 0 {
					t.Fatalf("site has errors:\n%v", diags.Err())
				}
				for _, opts := range []render.Options{{}, {Drafts: true, Generator: `ladder <test> & "co"`}} {
					blocks, err := render.New(s, ladder.DefaultTheme(), nil, nil, opts)
					if err != nil {
						t.Fatal(err)
					}
					templates, err := render.New(s, ladder.DefaultTheme(), ref, nil, opts)
					if err != nil {
						t.Fatal(err)
					}
					for _, spec := range blocks.Pages() {
						got, err := blocks.Render(spec)
						if err != nil {
							t.Fatal(err)
						}
						want, err := templates.Render(spec)
						if err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(got, want) {
							t.Errorf("%s differs from the page the reference layouts draw:\n%s", spec.Path, firstDiff(string(want), string(got)))
						}
					}
				}
			})
		}
	}
}

// oddExample returns the example site with characters that HTML escapes
// (and a NUL) added to its titles, summaries, codes, providers, categories
// and other free text.
func oddExample(t *testing.T) fs.FS {
	t.Helper()
	field := regexp.MustCompile(`(?m)^((?:title|summary|provider|credential|code|duration|note|category|approval|payback|family) = ")(.*)"$`)
	m := fstest.MapFS{}
	changed := 0
	err := fs.WalkDir(ladder.Example(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(ladder.Example(), p)
		if err != nil {
			return err
		}
		if p != "site.toml" && field.Match(data) {
			data = field.ReplaceAll(data, []byte(`${1}${2} <b>&amp;</b> \"q\" 'a' +1 %zz \u0000 é"`))
			changed++
		}
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if changed == 0 {
		t.Fatal("no field was changed")
	}
	return m
}

// referenceLayouts are the default theme's layouts written with an action
// per value instead of the Go-built blocks.
const referenceLayouts = `
-- baseof.html --
<!doctype html>
<html lang="{{.Site.Config.Language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if eq .Kind "home"}}{{.Site.Config.Title}}{{else}}{{.Title}} · {{.Site.Config.Title}}{{end}}</title>
<meta name="description" content="{{.Description}}">
<meta name="color-scheme" content="light dark">
{{with .Generator}}<meta name="generator" content="{{.}}">{{end}}
{{$canon := .AbsURL .Spec.URL}}{{if or (not .Site.Config.RelativeURLs) (ne (slice $canon 0 1) "/")}}<link rel="canonical" href="{{$canon}}">
{{end -}}
<link rel="stylesheet" href="{{.Asset "style.css"}}">
<link rel="icon" href="data:,">
{{block "head" .}}{{end}}
</head>
<body class="kind-{{.Kind}}" data-root="{{.Root}}">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="{{.Href "/"}}">{{.Site.Config.Title}}</a>
    <form class="header-search" role="search" aria-label="Site" action="{{.Href "search/"}}" method="get">
      <label class="visually-hidden" for="header-q">Search the framework</label>
      <input id="header-q" name="q" type="search" placeholder="Search" autocomplete="off">
      <button type="submit">Search</button>
    </form>
  </div>
  <nav class="wrap site-nav" aria-label="Main">
    <ul>
    {{range .Nav}}<li><a href="{{$.Href .Path}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a></li>{{end}}
    </ul>
  </nav>
</header>
{{if and .ShowDrafts .IsDraft}}<p class="draft-banner wrap" role="note"><strong>Draft:</strong> this page is not published yet.</p>{{end}}
<main id="main" class="wrap" tabindex="-1">
{{with .Crumbs}}<nav class="crumbs" aria-label="Breadcrumb"><ol>{{range .}}<li>{{if .Href}}<a href="{{.Href}}">{{.Label}}</a>{{else}}<span aria-current="page">{{.Label}}</span>{{end}}</li>{{end}}</ol></nav>{{end}}
{{template "main" .}}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{{.Site.Config.Title}}</p>
    <p class="footer-links"><a href="{{.Href "data/framework.json"}}">Framework data (JSON)</a> · <a href="{{.Href "sitemap.xml"}}">Sitemap</a></p>
  </div>
</footer>
<script src="{{.Asset "app.js"}}" defer></script>
</body>
</html>
-- level.html --
{{define "head"}}<script type="application/ld+json">{{jsonld .JSONLD}}</script>{{end}}
{{define "main"}}
{{with .Level}}{{$l := .}}
<header class="page-head">
  <h1>{{.Title}}</h1>
  <p class="meta">{{with .Code}}<span class="code">{{.}}</span> {{end}}<a href="{{$.Href .Track}}">{{.Track.Title}}</a> · {{$.PathName .Path}} path · rank {{.Rank}}{{with .MinMonths}} · typically reached after {{.}} months in the level before{{end}}</p>
  {{with .Summary}}<p class="lead">{{.}}</p>{{end}}
  {{with .Pay}}<p class="pay"><span class="pay-label">Pay band</span> {{money (float .Min) .Currency}} – {{money (float .Max) .Currency}}</p>{{end}}
  {{with .Next}}<p class="actions">{{range .}}<a class="button" href="{{$.CompareHref $l .}}">Compare with {{.Title}}</a> {{end}}</p>{{end}}
</header>

<div class="glance">
  <section class="panel" aria-labelledby="where-h">
    <h2 id="where-h">Where this level sits</h2>
    {{$d := $.LadderChart .Track .}}{{if $d.SVG}}{{template "partials/figure.html" $d}}{{end}}
  </section>
  {{$r := $.Radar .}}{{if $r.SVG}}
  <section class="panel" aria-labelledby="radar-h">
    <h2 id="radar-h">{{with .Next}}This level and the next{{else}}Competency profile{{end}}</h2>
    {{template "partials/figure.html" $r}}
  </section>
  {{end}}
</div>

<section aria-labelledby="expect-h">
  <h2 id="expect-h">What this level expects</h2>
  {{with $.ExpectationRows .}}
  <ul class="expectations">
  {{range .}}<li><div class="expect-head"><a href="{{.URL}}">{{.Competency.Title}}</a> <span class="scale {{.Heat}}">{{.Level}} · {{.Scale}}</span></div>{{with .Text}}<p>{{.}}</p>{{end}}</li>
  {{end}}
  </ul>
  {{else}}<p>This level lists no competencies yet.</p>{{end}}
</section>

{{with $.Changes .}}
<section aria-labelledby="changes-h">
  <h2 id="changes-h">What changes at the next level</h2>
  {{range .}}{{$n := .To}}
  <article class="change card">
    <h3><a href="{{$.Href $n}}">{{$n.Title}}</a>{{with $n.Code}} <span class="code">{{.}}</span>{{end}}</h3>
    <p class="meta">{{if ne $n.Track $l.Track}}{{$n.Track.Title}} · {{end}}{{if ne $n.Path $l.Path}}{{$.PathName $n.Path}} path · {{end}}{{with .Months}}typically after {{.}} months here{{else}}no typical time is given{{end}}</p>
    {{with .Raised}}<h4>Raised expectations</h4>
    <ul class="deltas">{{range .}}<li><a href="{{.URL}}">{{.Competency.Title}}</a>: <span class="scale {{.FromHeat}}">{{.From}} · {{.FromName}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">to</span> <span class="scale {{.ToHeat}}">{{.To}} · {{.ToName}}</span>{{with .Expect}}<br><span class="expect">{{.}}</span>{{end}}</li>{{end}}</ul>{{end}}
    {{with .New}}<h4>New competencies</h4>
    <ul class="deltas">{{range .}}<li><a href="{{.URL}}">{{.Competency.Title}}</a>: <span class="scale {{.ToHeat}}">{{.To}} · {{.ToName}}</span>{{with .Expect}}<br><span class="expect">{{.}}</span>{{end}}</li>{{end}}</ul>{{end}}
    {{with .Lowered}}<h4>Less emphasis</h4>
    <ul class="deltas">{{range .}}<li><a href="{{.URL}}">{{.Competency.Title}}</a>: <span class="scale {{.FromHeat}}">{{.From}} · {{.FromName}}</span> <span aria-hidden="true">→</span><span class="visually-hidden">to</span> {{if .To}}<span class="scale {{.ToHeat}}">{{.To}} · {{.ToName}}</span>{{else}}not listed{{end}}</li>{{end}}</ul>{{end}}
    {{if .Same}}<p class="meta">{{.Same}} other {{plural .Same "competency stays" "competencies stay"}} at the same level.</p>{{end}}
    {{with .Courses}}<h4>Newly required courses</h4>
    <ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}{{with .Format}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
    <p><a href="{{$.CompareHref $l $n}}">Compare {{$l.Title}} with {{$n.Title}} side by side</a></p>
  </article>
  {{end}}
</section>
{{end}}

<section aria-labelledby="courses-h">
  <h2 id="courses-h">Courses</h2>
  {{with .Required}}<h3>Required <span class="count">{{len .}} · {{hours ($.TotalHours .)}} in all</span></h3>
  <ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}{{with .Format}} · {{.}}{{end}}{{with .Provider}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{with .Optional}}<h3>Optional <span class="count">{{len .}} · {{hours ($.TotalHours .)}} in all</span></h3>
  <ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}{{with .Format}} · {{.}}{{end}}{{with .Provider}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{if not (or .Required .Optional)}}<p>No courses are listed for this level.</p>{{end}}
</section>

{{$pr := $.LevelPrograms .}}
<section aria-labelledby="programs-h">
  <h2 id="programs-h">Programs</h2>
  {{with $pr.LedBy}}<h3>Programs that lead here</h3>
  <ul class="program-list">{{range .}}<li><a href="{{.URL}}">{{.Title}}</a> <span class="meta">{{title .Kind}}{{with .Duration}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{with $pr.Targeted}}<h3>Programs for this level</h3>
  <ul class="program-list">{{range .}}<li><a href="{{.URL}}">{{.Title}}</a> <span class="meta">{{title .Kind}}{{if .Paid}} · paid while you learn{{end}}</span>{{if .Intake.Label}} <span class="badge{{if .Open}} badge-open{{end}}">{{.Intake.Label}}</span>{{end}}</li>{{end}}</ul>{{end}}
  {{with $pr.Everyone}}<h3>Open to every employee</h3>
  <ul class="inline-list">{{range .}}<li><a href="{{.URL}}">{{.Title}}</a>{{if .Open}} <span class="badge badge-open">open now</span>{{end}}</li>{{end}}{{with $pr.EveryoneMore}}<li><a href="{{$.Href "programs/"}}">{{.}} more {{plural . "program" "programs"}}</a></li>{{end}}</ul>{{end}}
  {{if not (or $pr.LedBy $pr.Targeted $pr.Everyone)}}<p>No program is listed for this level.</p>{{end}}
</section>

<section aria-labelledby="next-h">
  <h2 id="next-h">Where this level leads</h2>
  {{with .Next}}<h3>Promotions</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a>{{with .Code}} <span class="code">{{.}}</span>{{end}} <span class="meta">{{$.PathName .Path}} path{{with .MinMonths}} · typically after {{.}} months{{end}}</span></li>{{end}}</ul>{{end}}
  {{with .Moves}}<h3>Moves to other tracks</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{.Track.Title}}</span></li>{{end}}</ul>{{end}}
  {{with .Prev}}<h3>Comes after</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a>{{if ne .Track $l.Track}} <span class="meta">{{.Track.Title}}</span>{{end}}</li>{{end}}</ul>{{end}}
  {{with .MovesIn}}<h3>Moves in from other tracks</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{.Track.Title}}</span></li>{{end}}</ul>{{end}}
  {{if not (or .Next .Moves)}}<p>This is the top of its path.</p>{{end}}
</section>

{{with $.Body .}}<section class="prose" aria-labelledby="about-h"><h2 id="about-h">About the role</h2>{{.}}</section>{{end}}
{{end}}
{{end}}
-- competency.html --
{{define "main"}}
{{with .Competency}}{{$c := .}}{{$u := $.CompetencyUsage .}}
<header class="page-head">
  <h1>{{.Title}}</h1>
  {{with .Summary}}<p class="lead">{{.}}</p>{{end}}
  <p class="meta">{{with .Category}}<span class="tag">{{.}}</span> {{end}}Expected by {{len .ExpectedBy}} {{plural (len .ExpectedBy) "level" "levels"}} · taught by {{len .TaughtBy}} {{plural (len .TaughtBy) "course" "courses"}}{{with .ESCO}} · <a href="{{.}}">ESCO skill</a>{{end}}</p>
</header>

<section aria-labelledby="scale-h">
  <h2 id="scale-h">The scale</h2>
  <dl class="descriptors">
  {{range $i, $name := $.Site.Config.Scale.Names}}{{$n := add $i 1}}
    <div><dt><span class="scale {{$.Heat $n}}">{{$n}} · {{$name}}</span></dt><dd>{{with $c.Descriptor $n}}{{.}}{{else}}<span class="meta">No descriptor.</span>{{end}}</dd></div>
  {{end}}
  </dl>
</section>

{{with $.Body .}}<section class="prose" aria-label="About this competency">{{.}}</section>{{end}}

<section aria-labelledby="expected-h">
  <h2 id="expected-h">Across tracks and levels</h2>
  {{with $u.Groups}}
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="usage-caption">
  <table class="usage">
    <caption id="usage-caption">The level of {{$c.Title}} each level expects, by track</caption>
    <thead><tr><th scope="col">Level</th><th scope="col">Expected</th><th scope="col">What it means there</th></tr></thead>
    {{range .}}
    <tbody>
      <tr class="group"><th scope="rowgroup" colspan="3"><a href="{{$.Href .Track}}">{{.Track.Title}}</a></th></tr>
      {{range .Rows}}<tr><th scope="row"><a href="{{$.Href .Level}}">{{.Level.Title}}</a>{{with .Level.Code}} <span class="code">{{.}}</span>{{end}}</th><td class="{{$.Heat .Expectation.Level}}"><span class="cell-level">{{.Expectation.Level}}</span> <span class="cell-name">{{$.ScaleName .Expectation.Level}}</span></td><td>{{.Text}}</td></tr>{{end}}
    </tbody>
    {{end}}
  </table>
  </div>
  {{else}}<p>No level expects this competency yet.</p>{{end}}
</section>

<section aria-labelledby="taught-h">
  <h2 id="taught-h">Courses that teach it</h2>
  {{with $u.Courses}}<ul class="course-list">{{range .}}<li><a href="{{$.Href .Course}}">{{.Course.Title}}</a> brings you to <span class="scale {{$.Heat .Level}}">{{.Level}} · {{$.ScaleName .Level}}</span> <span class="meta">{{hours .Course.Hours}}{{with .Course.Format}} · {{.}}{{end}}{{with .Course.Provider}} · {{.}}{{end}}</span></li>{{end}}</ul>{{else}}<p>No course teaches it yet.</p>{{end}}
</section>
{{end}}
{{end}}
-- course.html --
{{define "head"}}<script type="application/ld+json">{{jsonld .JSONLD}}</script>{{end}}
{{define "main"}}
{{with .Course}}{{$c := .}}
<header class="page-head">
  <h1>{{.Title}}</h1>
  {{with .Summary}}<p class="lead">{{.}}</p>{{end}}
</header>
<dl class="facts">
  {{with .Provider}}<div><dt>Provider</dt><dd>{{.}}</dd></div>{{end}}
  {{with .Format}}<div><dt>Format</dt><dd>{{.}}</dd></div>{{end}}
  <div><dt>Time</dt><dd>{{hours .Hours}}</dd></div>
  {{if .Cost}}<div><dt>Cost</dt><dd>{{money .Cost .Currency}}</dd></div>{{end}}
  {{with .Credential}}<div><dt>Credential</dt><dd>{{.}}</dd></div>{{end}}
  {{with .URL}}<div><dt>In the learning system</dt><dd><a class="external" href="{{.}}">Open the course</a></dd></div>{{end}}
</dl>

{{with $.Body .}}<section class="prose" aria-label="About the course">{{.}}</section>{{end}}

<section aria-labelledby="prereq-h">
  <h2 id="prereq-h">Before you start</h2>
  {{with .Prereqs}}<p>Complete these courses first:</p><ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}{{with .Format}} · {{.}}{{end}}</span></li>{{end}}</ul>{{else}}<p>No prerequisites: anyone can start here.</p>{{end}}
  {{with .Unlocks}}<p>This course opens the way to:</p><ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}{{with .Format}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{$g := $.CourseGraph .}}{{if $g.SVG}}
  <h3 id="graph-h">Prerequisite graph</h3>
  <p class="hint">Every course this one builds on, and every course that builds on it. Arrows point from a course to the one that needs it.</p>
  {{template "partials/figure.html" $g}}
  {{end}}
</section>

{{with .Skills}}
<section aria-labelledby="skills-h">
  <h2 id="skills-h">Skills it builds</h2>
  <ul class="course-list">{{range .}}{{$k := $.CompetencyOf .CompetencyID}}<li><a href="{{$.Href $k}}">{{$k.Title}}</a> up to <span class="scale {{$.Heat .Level}}">{{.Level}} · {{$.ScaleName .Level}}</span></li>{{end}}</ul>
</section>
{{end}}

<section aria-labelledby="req-h">
  <h2 id="req-h">Levels that ask for it</h2>
  {{with .RequiredBy}}<h3>Required by</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{.Track.Title}}{{with .Code}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{with .OptionalBy}}<h3>Recommended for</h3><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{.Track.Title}}{{with .Code}} · {{.}}{{end}}</span></li>{{end}}</ul>{{end}}
  {{if not (or .RequiredBy .OptionalBy)}}<p>No level requires or recommends it.</p>{{end}}
</section>

{{with .InPrograms}}
<section aria-labelledby="inprog-h">
  <h2 id="inprog-h">Part of these programs</h2>
  <ul class="program-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{title .Kind}}{{with .Duration}} · {{.}}{{end}}</span></li>{{end}}</ul>
</section>
{{end}}

{{end}}
{{end}}
-- track.html --
{{define "main"}}
{{with .Track}}
<header class="page-head">
  <h1>{{.Title}}</h1>
  {{with .Summary}}<p class="lead">{{.}}</p>{{end}}
  <p class="meta">{{with .Family}}<span class="tag">{{.}}</span> {{end}}{{len .Levels}} {{plural (len .Levels) "level" "levels"}}{{if gt (len .Paths) 1}} on {{len .Paths}} paths{{end}}</p>
</header>
<section aria-labelledby="ladder-h">
  <h2 id="ladder-h">The ladder</h2>
  <p class="hint">Each box is a level: open it to see what the level expects. Arrows lead to the next promotion; dashed arrows lead to another path or track.</p>
  {{$d := $.LadderChart . nil}}{{if $d.SVG}}{{template "partials/figure.html" $d}}{{end}}
</section>
{{with $.Body .}}<section class="prose" aria-label="About this track">{{.}}</section>{{end}}
{{template "partials/matrix.html" $}}
{{end}}
{{end}}
-- tracks.html --
{{define "main"}}
<header class="page-head">
  <h1>Tracks</h1>
  <p class="lead">Every job family and its ladder. Open a track to see its levels side by side and the competencies each one expects.</p>
</header>
{{range $i, $f := .Families}}
<section aria-labelledby="family-{{$i}}">
  <h2 id="family-{{$i}}">{{.Name}}</h2>
  <ul class="cards">
  {{range .Tracks}}{{$t := .}}<li class="card"><h3><a href="{{$.Href .}}">{{.Title}}</a></h3>{{with $.Excerpt .}}<p>{{.}}</p>{{end}}
    {{range $t.Paths}}{{$path := .}}<p class="meta path-levels"><span class="path-name">{{$.PathName $path}}:</span></p>
    <ol class="steps">{{range $t.Levels}}{{if eq .Path $path}}<li><a href="{{$.Href .}}">{{.Title}}</a></li>{{end}}{{end}}</ol>{{end}}</li>{{end}}
  </ul>
</section>
{{end}}
{{end}}
-- home.html --
{{define "main"}}
<section class="hero" aria-labelledby="home-h">
  <h1 id="home-h">{{.Home.Title}}</h1>
  {{with .Home.Summary}}<p class="lead">{{.}}</p>{{end}}
  <form class="hero-search" role="search" aria-label="Framework" action="{{.Href "search/"}}" method="get">
    <label for="home-q">Find a level, course or program</label>
    <div class="search-row"><input id="home-q" name="q" type="search" placeholder="e.g. cloud support, Linux, nursing"><button type="submit">Search</button></div>
  </form>
  <p class="hero-links"><a href="{{.Href "tracks/"}}">Browse the ladders</a> · <a href="{{.Href "paths/"}}">Find a path to a level</a> · <a href="{{.Href "plan/"}}">Build a development plan</a></p>
</section>

<section aria-labelledby="tracks-h">
  <h2 id="tracks-h">Tracks</h2>
  {{range $i, $f := .Families}}
  <h3 class="family" id="family-{{$i}}">{{.Name}}</h3>
  <ul class="cards" aria-labelledby="family-{{$i}}">
    {{range .Tracks}}<li class="card"><h4><a href="{{$.Href .}}">{{.Title}}</a></h4>{{with $.Excerpt .}}<p>{{.}}</p>{{end}}<p class="meta">{{len .Levels}} {{plural (len .Levels) "level" "levels"}}{{if gt (len .Paths) 1}} · {{len .Paths}} paths{{end}}</p></li>{{end}}
  </ul>
  {{end}}
</section>

{{with .Site.Programs}}
<section aria-labelledby="programs-h">
  <h2 id="programs-h">Featured programs</h2>
  <ul class="cards">
    {{range .}}{{$in := $.IntakeStatus .}}<li class="card"><h3><a href="{{$.Href .}}">{{.Title}}</a></h3>{{with $.Excerpt .}}<p>{{.}}</p>{{end}}<p class="meta">{{title .Kind}}{{if .Paid}} · paid while you learn{{end}}</p>{{with $in.Label}}<p><span class="badge{{if eq $in.Next.State "open"}} badge-open{{end}}">{{.}}</span></p>{{end}}</li>{{end}}
  </ul>
</section>
{{end}}

{{with .Body .Home}}<section class="prose" aria-label="Welcome">{{.}}</section>{{end}}
{{end}}
-- competencies.html --
{{define "main"}}
<header class="page-head">
  <h1>Competencies</h1>
  <p class="lead">The skills and behaviours levels expect, each on the scale {{range $i, $n := .Site.Config.Scale.Names}}{{if $i}} · {{end}}{{add $i 1}} {{$n}}{{end}}.</p>
</header>
{{range $i, $g := .CompetencyGroups}}
<section aria-labelledby="cat-{{$i}}">
<h2 id="cat-{{$i}}">{{.Category}}</h2>
<ul class="cards">
{{range .Competencies}}<li class="card"><h3><a href="{{$.Href .}}">{{.Title}}</a></h3>{{with $.Excerpt .}}<p>{{.}}</p>{{end}}<p class="meta">Expected by {{len .ExpectedBy}} {{plural (len .ExpectedBy) "level" "levels"}} · taught by {{len .TaughtBy}} {{plural (len .TaughtBy) "course" "courses"}}</p></li>{{end}}
</ul>
</section>
{{end}}
{{end}}
-- courses.html --
{{define "main"}}{{$f := .CourseFilters}}
<header class="page-head">
  <h1>Courses</h1>
  <p class="lead">{{len .Site.Courses}} {{plural (len .Site.Courses) "course" "courses"}}. Open a course to see what it needs first, what it leads to and which levels ask for it.</p>
</header>
<form class="filters" id="course-filters" hidden aria-label="Filter courses" action="{{.Href "courses/"}}" method="get">
  <div class="field"><label for="f-q">Title contains</label><input id="f-q" name="q" type="search" autocomplete="off"></div>
  <div class="field"><label for="f-provider">Provider</label>
    <select id="f-provider" name="provider"><option value="">Any provider</option>{{range $f.Providers}}<option>{{.}}</option>{{end}}</select></div>
  <div class="field"><label for="f-format">Format</label>
    <select id="f-format" name="format"><option value="">Any format</option>{{range $f.Formats}}<option>{{.}}</option>{{end}}</select></div>
  <div class="field"><label for="f-skill">Skill</label>
    <select id="f-skill" name="skill"><option value="">Any skill</option>{{range $f.Skills}}<option value="{{.ID}}">{{.Title}}</option>{{end}}</select></div>
  <div class="field"><label for="f-hours">Length</label>
    <select id="f-hours" name="hours"><option value="">Any length</option><option value="0-2">Up to 2 hours</option><option value="0-8">Up to 8 hours</option><option value="0-40">Up to 40 hours</option><option value="40-">More than 40 hours</option></select></div>
  <div class="field field-actions"><button type="reset">Clear filters</button></div>
</form>
<p class="filter-count" id="course-count" role="status" aria-live="polite"></p>
<ul class="catalogue" id="course-list">
{{range .Site.Courses}}<li class="catalogue-item" data-title="{{.Title}}" data-provider="{{.Provider}}" data-format="{{.Format}}" data-hours="{{.Hours}}" data-skills="{{$.SkillIDs .}}">
  <h2><a href="{{$.Href .}}">{{.Title}}</a></h2>
  <p class="meta">{{with .Provider}}{{.}} · {{end}}{{with .Format}}{{.}} · {{end}}{{hours .Hours}}{{if .Cost}} · {{money .Cost .Currency}}{{end}}{{with .Credential}} · <span class="tag">{{.}}</span>{{end}}</p>
  {{with $.Excerpt .}}<p>{{.}}</p>{{end}}
  {{with .Skills}}<p class="skills">{{range .}}{{$c := $.CompetencyOf .CompetencyID}}<span class="scale {{$.Heat .Level}}">{{$c.Title}} · {{$.ScaleName .Level}}</span> {{end}}</p>{{end}}
</li>
{{end}}
</ul>
<p class="empty" id="course-empty" hidden>No course matches these filters.</p>
{{end}}
-- programs.html --
{{define "main"}}
<header class="page-head">
  <h1>Programs</h1>
  <p class="lead">Learning programs that pay for your studies, train you on the job or prepare you for a new role.</p>
</header>
<ul class="cards">
{{range .Site.Programs}}{{$in := $.IntakeStatus .}}<li class="card">
  <h2><a href="{{$.Href .}}">{{.Title}}</a></h2>
  <p class="meta">{{title .Kind}}{{with .Duration}} · {{.}}{{end}}{{if .Paid}} · paid while you learn{{end}}{{with .Funding.TuitionPercent}} · {{percent .}} of tuition{{end}}</p>
  {{with $.Excerpt .}}<p>{{.}}</p>{{end}}
  {{with $in.Label}}<p><span class="badge{{if eq $in.Next.State "open"}} badge-open{{end}}">{{.}}</span></p>{{end}}
</li>
{{end}}
</ul>
{{end}}
-- program.html --
{{define "head"}}<script type="application/ld+json">{{jsonld .JSONLD}}</script>{{end}}
{{define "main"}}
{{with .Program}}{{$p := .}}{{$in := $.IntakeStatus .}}
<header class="page-head">
  <h1>{{.Title}}</h1>
  {{with .Summary}}<p class="lead">{{.}}</p>{{end}}
  {{with $in.Label}}<p class="intake-banner{{if eq $in.Next.State "open"}} is-open{{end}}"><a href="#intake-h">{{.}}</a></p>{{end}}
</header>
<dl class="facts">
  {{with .Kind}}<div><dt>Kind</dt><dd>{{title .}}</dd></div>{{end}}
  {{with .Duration}}<div><dt>Duration</dt><dd>{{.}}</dd></div>{{end}}
  {{with .WeeklyHours}}<div><dt>Time each week</dt><dd>{{hours .}}</dd></div>{{end}}
  <div><dt>Paid while you learn</dt><dd>{{if .Paid}}Yes{{else}}No{{end}}</dd></div>
  {{with .Funding.TuitionPercent}}<div><dt>Tuition paid</dt><dd>{{percent .}}{{with $p.Funding.Cap}}, up to {{money . $p.Funding.Currency}} a year{{end}}</dd></div>{{end}}
  {{with .Fields}}<div><dt>Fields</dt><dd>{{join . ", "}}</dd></div>{{end}}
  {{with .Courses}}<div><dt>Courses</dt><dd>{{len .}} · {{hours ($.TotalHours .)}}</dd></div>{{end}}
</dl>

{{with $.Body .}}<section class="prose" aria-label="About the program">{{.}}</section>{{end}}

<section aria-labelledby="elig-h">
  <h2 id="elig-h">Who can join</h2>
  <p>{{$.Eligibility .}}</p>
  {{with .Eligibility.Courses}}<p>Courses to complete first:</p><ul class="course-list">{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{hours .Hours}}</span></li>{{end}}</ul>{{end}}
  {{with .Eligibility.Levels}}<p>Levels that may join:</p><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a> <span class="meta">{{.Track.Title}}</span></li>{{end}}</ul>{{end}}
  {{if not .Eligibility.Levels}}{{with .Eligibility.Tracks}}<p>Tracks that may join:</p><ul>{{range .}}<li><a href="{{$.Href .}}">{{.Title}}</a></li>{{end}}</ul>{{end}}{{end}}
</section>

<section aria-labelledby="fund-h">
  <h2 id="fund-h">Funding</h2>
  <p>{{$.FundingText .}}</p>
</section>

<section aria-labelledby="intake-h">
  <h2 id="intake-h">Intakes</h2>
  {{with $in.Rows}}
  <ol class="intakes">
  {{range .}}<li class="intake intake-{{.State}}">
    <span class="intake-state">{{if eq .State "open"}}Open now{{else if eq .State "next"}}Next intake{{else if eq .State "past"}}Closed{{else}}Upcoming{{end}}</span>
    <span class="intake-dates">{{if .ApplyFrom.IsZero}}{{else}}Applications open {{date .ApplyFrom}}{{end}}{{if and (not .ApplyFrom.IsZero) (not .ApplyBy.IsZero)}}; {{end}}{{if .ApplyBy.IsZero}}{{else}}apply by {{date .ApplyBy}}{{end}}{{with .Start}}{{if not .IsZero}} · starts {{date .}}{{end}}{{end}}</span>
  </li>{{end}}
  </ol>
  <p class="meta">As of {{date $.Site.Config.Today}}.</p>
  {{else}}<p>This program has no fixed intakes: ask your manager or HR partner how to apply.</p>{{end}}
</section>

{{with .Outcomes}}{{if or .PlacementRate .Participants}}
<section aria-labelledby="outcomes-h">
  <h2 id="outcomes-h">Outcomes</h2>
  <dl class="stats">
    {{with .PlacementRate}}<div><dt>Placement rate</dt><dd>{{percent .}}</dd></div>{{end}}
    {{with .Participants}}<div><dt>Participants</dt><dd>{{money (float .) ""}}</dd></div>{{end}}
  </dl>
</section>
{{end}}{{end}}

{{with .Courses}}
<section aria-labelledby="pcourses-h">
  <h2 id="pcourses-h">Courses included</h2>
  <div class="table-scroll" tabindex="0" role="region" aria-labelledby="pcourses-caption">
  <table class="courses-table">
    <caption id="pcourses-caption">Courses in {{$p.Title}}</caption>
    <thead><tr><th scope="col">Course</th><th scope="col">Format</th><th scope="col" class="num">Hours</th></tr></thead>
    <tbody>{{range .}}<tr><th scope="row"><a href="{{$.Href .}}">{{.Title}}</a></th><td>{{.Format}}</td><td class="num">{{hours .Hours}}</td></tr>{{end}}</tbody>
    <tfoot><tr><th scope="row">Total</th><td></td><td class="num">{{hours ($.TotalHours .)}}</td></tr></tfoot>
  </table>
  </div>
</section>
{{end}}

{{$d := $.ProgramPathway .}}{{if $d.SVG}}
<section aria-labelledby="leads-h">
  <h2 id="leads-h">Where it leads</h2>
  {{template "partials/figure.html" $d}}
</section>
{{end}}
{{end}}
{{end}}
-- partials/figure.html --
{{- /* A chart.Drawing: the SVG at no more than its natural width, and its data table behind a disclosure. */ -}}
<figure class="chart-figure">
  <div class="chart-box" style="max-width: {{.Width}}px; --chart-w: {{.Width}}">{{.SVG}}</div>
  <details class="chart-table">
    <summary>Show the chart as a table</summary>
    <div class="table-scroll" tabindex="0" role="region" aria-label="Chart data">{{.Table}}</div>
  </details>
</figure>
-- partials/matrix.html --
{{$m := .Matrix .Track}}{{with $m}}
<section aria-labelledby="matrix-h">
  <h2 id="matrix-h">Competency matrix</h2>
  <p class="hint">What each level expects, on the scale {{range $i, $n := $.Site.Config.Scale.Names}}{{if $i}} · {{end}}<span class="scale {{$.Heat (add $i 1)}}">{{add $i 1}} {{$n}}</span>{{end}}. Open a cell to read the expectation in words.</p>
  <div class="table-scroll matrix-scroll" tabindex="0" role="region" aria-labelledby="matrix-caption">
  <table class="matrix">
    <caption id="matrix-caption">{{$.Track.Title}}: expected level of each competency, by level</caption>
    <thead>
      {{if gt (len .Paths) 1}}<tr class="path-row"><td></td>{{range .Paths}}<th scope="colgroup" colspan="{{.Span}}">{{.Name}}</th>{{end}}</tr>{{end}}
      <tr><th scope="col" class="corner">Competency</th>{{range .Levels}}<th scope="col"><a href="{{$.Href .}}">{{.Title}}</a>{{with .Code}} <span class="code">{{.}}</span>{{end}}</th>{{end}}</tr>
    </thead>
    {{range .Groups}}
    <tbody>
      <tr class="group"><th scope="rowgroup" colspan="{{add (len $m.Levels) 1}}">{{.Category}}</th></tr>
      {{range .Rows}}{{$c := .Competency}}
      <tr><th scope="row"><a href="{{$.Href $c}}">{{$c.Title}}</a></th>
        {{range .Cells}}<td class="{{$.Heat .Level}}">{{if .Level}}{{if .Text}}<details class="cell"><summary><span class="cell-level">{{.Level}}</span> <span class="cell-name">{{$.ScaleName .Level}}</span></summary><p>{{.Text}}</p></details>{{else}}<span class="cell-level">{{.Level}}</span> <span class="cell-name">{{$.ScaleName .Level}}</span>{{end}}{{else}}<span class="none"><span aria-hidden="true">–</span><span class="visually-hidden">not expected</span></span>{{end}}</td>{{end}}
      </tr>
      {{end}}
    </tbody>
    {{end}}
  </table>
  </div>
</section>
{{end}}
`
