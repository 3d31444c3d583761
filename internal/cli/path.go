package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/route"
	"github.com/ladder-ssg/ladder/internal/site"
)

// runPath prints the route from one level to another: "ladder path FROM TO".
// Unknown level ids are usage errors (exit 2, with a did-you-mean hint); no
// route is exit 1, after printing why.
func runPath(e *env, args []string) int {
	fs := flags(e, "path")
	open := srcFlag(fs, false)
	format := fs.String("format", "text", "output format: text or json")
	alts := fs.Int("alternatives", route.DefaultAlternatives, "how many other routes to list")
	by := fs.String("by", "steps", "what makes a route shortest: steps (fewest steps, then time) or time (least time, then steps)")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		errorf(e, "unknown --format %q: use text or json", *format)
		return ExitUsage
	}
	rank, ok := route.ParseRank(*by)
	if !ok {
		errorf(e, "unknown --by %q: use steps or time", *by)
		return ExitUsage
	}
	if fs.NArg() != 2 {
		errorf(e, "path takes two level ids, FROM and TO (e.g. fulfillment/associate cloud-support/associate), got %d", fs.NArg())
		return ExitUsage
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if res.Diags.Errors() > 0 {
		printDiags(e, res.Diags, res.Texts.Sources())
		errorf(e, "the content has errors: %s", diag.Summary(res.Diags))
		return ExitContent
	}
	s := res.Site
	from, ok1 := lookupLevel(e, s, fs.Arg(0))
	to, ok2 := lookupLevel(e, s, fs.Arg(1))
	if !ok1 || !ok2 {
		return ExitUsage
	}
	n := *alts
	if n == 0 {
		n = -1
	}
	r := route.Find(s, from, to, route.Options{Alternatives: n, By: rank})
	doc := route.NewDoc(s, r)
	if *format == "json" {
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
	} else {
		writePlan(lineWriter{e.stdout}, doc)
	}
	if r.Route == nil {
		if *format == "json" {
			errorf(e, "%s", r.Message)
		}
		return ExitContent
	}
	return ExitOK
}

// lookupLevel finds a level by its full id, printing an error with a hint
// when there is none.
func lookupLevel(e *env, s *site.Site, id string) (*site.Level, bool) {
	if l := s.LevelByID(id); l != nil {
		return l, true
	}
	ids := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		ids[i] = l.FullID()
	}
	errorf(e, "unknown level %q: give a full level id, track/level", id)
	if h := diag.Suggest(id, ids); h != "" {
		fmt.Fprintf(e.stderr, "ladder: hint: did you mean %q?\n", h)
	} else if !strings.Contains(id, "/") {
		fmt.Fprintf(e.stderr, "ladder: hint: level ids look like %q\n", ids[0])
	}
	return nil, false
}

// writePlan prints a route as a readable plan.
func writePlan(w io.Writer, d *route.Doc) {
	fmt.Fprintf(w, "From %s (%s) to %s (%s)\n", d.From.Title, d.From.ID, d.To.Title, d.To.ID)
	if d.Route == nil {
		fmt.Fprintf(w, "\nNo route: %s.\n", d.Message)
		return
	}
	if len(d.Route.Steps) == 0 {
		fmt.Fprintf(w, "\n%s.\n", upperFirst(d.Message))
		return
	}
	r := d.Route
	fmt.Fprintf(w, "%s\n", totals(r))
	for i, st := range r.Steps {
		fmt.Fprintf(w, "\n%d. %s\n", i+1, stepTitle(st))
		if p := st.Program; p != nil {
			if p.Duration != "" {
				fmt.Fprintf(w, "   Duration: %s\n", p.Duration)
			}
			if len(p.Months) == 2 {
				fmt.Fprintf(w, "   Program time: %s\n", route.RangeText(site.Months{Min: p.Months[0], Max: p.Months[1]}))
			} else {
				fmt.Fprintf(w, "   Program time: not given\n")
			}
			if p.Funding != "" {
				fmt.Fprintf(w, "   Funding: %s\n", p.Funding)
			}
		}
		if c := st.Conditions; c != nil {
			fmt.Fprintf(w, "   To join:\n")
			if c.MinTenureMonths > 0 {
				fmt.Fprintf(w, "     - at least %s with the company\n", months(c.MinTenureMonths))
			}
			for _, x := range c.Courses {
				fmt.Fprintf(w, "     - complete %s (%s)\n", x.Title, hours(x.Hours))
			}
			if c.Approval != "" {
				fmt.Fprintf(w, "     - approval from your %s\n", c.Approval)
			}
			if c.Note != "" {
				fmt.Fprintf(w, "     - %s\n", c.Note)
			}
		}
		if len(st.Gaps) > 0 {
			fmt.Fprintf(w, "   Competency gaps:\n")
			width := 0
			for _, g := range st.Gaps {
				width = max(width, len([]rune(g.Title)))
			}
			for _, g := range st.Gaps {
				from := "not expected"
				if g.From > 0 {
					from = fmt.Sprintf("%d %s", g.From, g.FromName)
				}
				fmt.Fprintf(w, "     %s%s  %s → %d %s\n", g.Title, strings.Repeat(" ", width-len([]rune(g.Title))), from, g.To, g.ToName)
			}
		}
		if len(st.Courses) > 0 {
			fmt.Fprintf(w, "   Required courses (%s):\n", hours(st.Hours))
			for _, c := range st.Courses {
				fmt.Fprintf(w, "     - %s (%s)\n", c.Title, hours(c.Hours))
			}
		}
		if t := route.TimeText(st.Months, st.MonthsMax, st.ProgramTimeUnknown); t != "" {
			fmt.Fprintf(w, "   Time: %s\n", t)
		}
	}
	fmt.Fprintf(w, "\nTotal: %s\n", totals(r))
	if len(d.Alternatives) > 0 {
		fmt.Fprintf(w, "\nAlternatives:\n")
		for i, a := range d.Alternatives {
			var parts []string
			for _, st := range a.Steps {
				parts = append(parts, stepTitle(st))
			}
			fmt.Fprintf(w, "  %c. %s: %s\n", 'a'+i, totals(&a), strings.Join(parts, "; "))
		}
	}
}

// stepTitle is a one-line title for a step.
func stepTitle(st route.StepDoc) string {
	switch st.Kind {
	case route.Program:
		return fmt.Sprintf("Program: %s → %s (%s)", st.Program.Title, st.To.Title, st.To.ID)
	case route.Move:
		return fmt.Sprintf("Move: %s (%s)", st.To.Title, st.To.ID)
	}
	return fmt.Sprintf("Promotion: %s (%s)", st.To.Title, st.To.ID)
}

func totals(r *route.RouteDoc) string {
	s := fmt.Sprintf("%d %s", len(r.Steps), plural(len(r.Steps), "step", "steps"))
	if t := route.TimeText(r.Months, r.MonthsMax, r.ProgramTimeUnknown); t != "" {
		s += ", " + t
	}
	if r.Hours > 0 {
		s += ", " + hours(r.Hours) + " of required courses"
	}
	return s
}

func months(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "month", "months")) }

func hours(h float64) string {
	s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", h), "0"), ".")
	return s + " h"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
