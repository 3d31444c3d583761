package diag

import "slices"

// RuleInfo describes one rule: the stable id a diagnostic carries in its
// Rule field, and one line on what the rule finds. Tools key on the id (a
// CI annotation's title, a SARIF ruleId, a Code Quality check_name), so an
// id never changes meaning once published.
type RuleInfo struct {
	ID      string
	Summary string
}

// Rules returns every rule a diagnostic of ladder may carry, sorted by id.
func Rules() []RuleInfo {
	return []RuleInfo{
		{"base-url", "a base_url (in site.toml or --base-url) that is not a path or an http(s) URL"},
		{"brand-color", "a [brand] color in site.toml that is not a hex colour, or too light for text on the theme's light backgrounds (WCAG AA, 4.5:1)"},
		{"brand-file", "a [brand] logo or favicon in site.toml that is not an image file under static/"},
		{"check-ignore", "an entry of [check] ignore in site.toml that is not a rule id, or names a rule that reports errors (only warnings can be ignored)"},
		{"control-character", "a control character (or a lone carriage return) in TOML"},
		{"csv-column", "a CSV column that --map names but the header lacks, or two columns that hold one course key (ladder import)"},
		{"csv-syntax", "a CSV file that does not parse: a stray or unclosed quote, a row with more or fewer values than the header (ladder import)"},
		{"draft-reference", "a reference or link to an entity marked draft = true, in a build without --drafts"},
		{"duplicate-id", "two entities of one kind with the same id, or a competency in two [groups] of one track"},
		{"duplicate-rank", "two levels with the same rank on one path of a track"},
		{"empty-plan", "warning: a plan template with no goals, or a goal with no actions"},
		{"expectation-drop", "warning: an expected competency level drops from one level to the next on the same path"},
		{"front-matter", "front matter that is not closed, or not between +++ lines"},
		{"i18n-file", "an i18n/<language>.toml file (the site's or its theme's) that does not parse, or a value that is not a text, a list of texts or a table of plural forms with other"},
		{"i18n-missing", "warning: a text the theme uses that the language's i18n/<language>.toml lacks, or a language with no file at all (English is shown instead)"},
		{"intake-order", "warning: an intake whose apply_from, apply_by and start dates are out of order"},
		{"invalid-id", "an id that is not lower-case a-z, 0-9 and -"},
		{"limit", "a file, body, nesting depth or catalogue larger than the limits (see [limits] in site.toml)"},
		{"limit-value", "a value under [limits] in site.toml that is not a valid size or count"},
		{"link-scheme", "a scheme in [links] schemes of site.toml that is not a valid or safe URL scheme"},
		{"markdown", "a markdown body that cannot be converted"},
		{"missing-competency", "warning: a level that leaves a gap: a competency that a lower and a higher level of its path expect, but it does not"},
		{"missing-key", "a required key (title, rank, id, ...) that is missing"},
		{"missing-track", "a level in a track folder that has no _index.md"},
		{"months-range", "a program's months that is not 1 or more, holds more than two numbers, or goes from more months to fewer"},
		{"not-utf8", "a file that is not valid UTF-8"},
		{"output-dir", "an output_dir that build may not write into (the site itself, or a folder it did not create)"},
		{"page-clash", "a free page whose URL would replace one of the site's own pages"},
		{"pay-band", "a pay band whose minimum is above its maximum"},
		{"plan-action", "an action of a plan template that names more than one course, program or competency, names nothing and has no text, or gives a level without a competency"},
		{"prerequisite-cycle", "course prerequisites that form a cycle"},
		{"program-leads-nowhere", "warning: a program whose leads_to names no level"},
		{"promotion-loop", "promotions (next) that lead back to a level already passed"},
		{"rank-range", "a level rank below 1"},
		{"release", "a site.toml version or [[releases]] entry that is invalid: no version or date, a version listed twice, a release file that is missing or not a framework.json"},
		{"scale-range", "a competency level outside the scale of site.toml, a level name not on it, or [scale] descriptions that are not one per name"},
		{"site-file", "a symbolic link or special file in the site: one leading outside the site (an error), to nothing, or round in a loop (left out, a warning)"},
		{"static-clash", "a static file that would replace a generated page or a theme asset"},
		{"static-include", "an entry of [static] include in site.toml that is invalid, not hidden, or missing"},
		{"toml-syntax", "TOML that does not parse"},
		{"type-mismatch", "a value of the wrong type (a string where a number belongs, ...)"},
		{"unexpected-file", "a content file outside tracks/, competencies/, courses/, programs/, plans/ and pages/"},
		{"unknown-key", "a key that the kind does not have (a typo would otherwise do nothing)"},
		{"unknown-reference", "a reference or entity link to a track, level, course, program, competency, page or plan template that does not exist"},
		{"unknown-value", "a course format, program kind or track status outside the allowed values"},
		{"unreachable-level", "warning: a level that no promotion, move or program leads to"},
		{"unused-course", "warning: a course that no level or program requires"},
		{"url-scheme", "a link or URL field whose scheme the site does not allow (javascript:, an unlisted app scheme)"},
		{"url-syntax", "a link or URL field that is malformed: no scheme, no host, protocol-relative, a backslash, a control character"},
	}
}

// warningRules are the rules that report warnings: the only ones that
// [check] ignore in site.toml may switch off. site-file and static-include
// also report errors, which stay.
var warningRules = []string{"brand-color", "empty-plan", "expectation-drop", "i18n-missing", "intake-order", "missing-competency", "program-leads-nowhere",
	"site-file", "static-include", "unreachable-level", "unused-course"}

// Ignorable reports whether rule id reports warnings, which a site may
// switch off with [check] ignore (its errors, if it has any, stay).
func Ignorable(id string) bool {
	for _, r := range warningRules {
		if r == id {
			return true
		}
	}
	return false
}

// Ignore returns the list without the warnings of the rules in ignore;
// errors are kept whatever their rule.
func (l List) Ignore(ignore []string) List {
	if len(ignore) == 0 {
		return l
	}
	out := l[:0:0]
	for _, d := range l {
		if d.Severity == Warning && slices.Contains(ignore, d.Rule) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// RuleSummary returns the one-line summary of rule id, or "" when the id is
// not one of Rules.
func RuleSummary(id string) string {
	for _, r := range Rules() {
		if r.ID == id {
			return r.Summary
		}
	}
	return ""
}
