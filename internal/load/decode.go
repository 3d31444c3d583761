package load

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

// decoder moves a decoded TOML table into a typed struct, reporting every
// unknown key, missing required key and wrongly typed value at its position.
//
// BurntSushi/toml can decode into structs itself, but it stops at the first
// type error and reports it with a line number inside its message text, and
// its undecoded keys carry no position. Decoding into a generic table first
// and then walking it here lets every problem be reported, each at the
// file:line:col that the key locator gives.
type decoder struct {
	src        *site.Source
	diags      *diag.List
	kind       string // "level", "course", ... for messages
	mismatches int    // values of the wrong type reported so far
}

var timeType = reflect.TypeFor[time.Time]()
var expectationsType = reflect.TypeFor[[]site.Expectation]()
var byteSizeType = reflect.TypeFor[site.ByteSize]()
var monthsType = reflect.TypeFor[site.Months]()

// fieldInfo describes one decodable field of a struct type.
type fieldInfo struct {
	name     string
	index    []int
	required bool
}

// fields returns the decodable fields of t, with those of embedded structs
// flattened, sorted by name.
func fields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if f.Anonymous && tag == "" {
			for _, sub := range fields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if tag == "" || tag == "-" {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		out = append(out, fieldInfo{name: name, index: []int{i}, required: opt == "required"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// table decodes the TOML table m, found at key path at, into the struct v
// points to. Keys in allow are accepted without a field (for example "id").
func (d *decoder) table(m map[string]any, at string, v reflect.Value, allow ...string) {
	fs := fields(v.Type())
	names := make([]string, 0, len(fs)+len(allow))
	for _, f := range fs {
		names = append(names, f.name)
	}
	names = append(names, allow...)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := sort.Search(len(fs), func(i int) bool { return fs[i].name >= k })
		if i < len(fs) && fs[i].name == k {
			d.value(m[k], join(at, k), v.FieldByIndex(fs[i].index))
			continue
		}
		if contains(allow, k) {
			continue
		}
		where := d.kind
		if at != "" {
			where = fmt.Sprintf("[%s]", displayPath(at))
		}
		valid := slices.Clone(names)
		slices.Sort(valid)
		hint := "valid keys: " + strings.Join(valid, ", ")
		if s := diag.Suggest(k, names); s != "" {
			hint = fmt.Sprintf("did you mean %q? Valid keys: %s", s, strings.Join(valid, ", "))
		}
		d.diags.Add("unknown-key", d.src.Key(join(at, k)), hint, "unknown key %q in %s", k, where)
	}
	for _, f := range fs {
		if f.required {
			if _, ok := m[f.name]; !ok {
				// A missing key has no position of its own: point at the
				// table that lacks it, or at the start of the entity.
				pos, hint := d.src.Start(), fmt.Sprintf("add %s = ... to the front matter", f.name)
				if at != "" {
					pos, hint = d.src.Value(at), fmt.Sprintf("add %s = ... to %s", f.name, d.kind)
				}
				d.diags.Add("missing-key", pos, hint, "missing required key %q in %s", f.name, d.kind)
			}
		}
	}
}

// isInteger reports whether a decoded TOML value is an integer, or a float
// with an integral value (which the decoder accepts for integer fields).
func isInteger(x any) bool {
	switch n := x.(type) {
	case int64:
		return true
	case float64:
		return n == math.Trunc(n) && math.Abs(n) < 1<<53
	}
	return false
}

// displayPath strips array indexes from a key path for messages.
func displayPath(p string) string {
	var b strings.Builder
	skip := false
	for _, r := range p {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// join appends key k to path at.
func join(at, k string) string {
	if at == "" {
		return tomlpos.Join(k)
	}
	return at + "." + tomlpos.Join(k)
}

// typeName names the TOML type of a decoded value for messages.
func typeName(x any) string {
	switch x.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", x)
}

func (d *decoder) mismatch(at string, x any, want string) {
	d.mismatches++
	what := displayPath(at)
	if strings.HasSuffix(at, "]") {
		what = "an entry of " + what
	}
	d.diags.Add("type-mismatch", d.src.Value(at), "", "%s must be %s, not %s", what, want, typeName(x))
}

// value decodes x, found at key path at, into v.
func (d *decoder) value(x any, at string, v reflect.Value) {
	if v.Type() == expectationsType {
		d.expectations(x, at, v)
		return
	}
	if v.Type() == byteSizeType {
		n, ok := parseByteSize(x)
		if !ok {
			d.mismatches++
			hint := `write a number of bytes, or a number and a unit: "512KiB", "16MiB", "1GiB"`
			switch x := x.(type) {
			case string:
				d.diags.Add("limit-value", d.src.Value(at), hint, "%s must be a size such as \"16MiB\", not %q", displayPath(at), x)
			case int64:
				d.diags.Add("limit-value", d.src.Value(at), hint, "%s must be 1 byte or more, not %d", displayPath(at), x)
			default:
				d.diags.Add("type-mismatch", d.src.Value(at), hint, "%s must be a size, not %s", displayPath(at), typeName(x))
			}
			return
		}
		v.SetInt(int64(n))
		return
	}
	if v.Type() == monthsType {
		if m, ok := d.months(x, at); ok {
			v.Set(reflect.ValueOf(m))
		}
		return
	}
	if v.Type() == timeType {
		t, ok := x.(time.Time)
		if !ok {
			d.mismatch(at, x, "a date (2026-01-31, without quotes)")
			return
		}
		v.Set(reflect.ValueOf(t))
		return
	}
	switch v.Kind() {
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			d.mismatch(at, x, "a string")
			return
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			d.mismatch(at, x, "true or false")
			return
		}
		v.SetBool(b)
	case reflect.Int:
		n, ok := x.(int64)
		if !ok {
			if f, isFloat := x.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				n, ok = int64(f), true
			}
		}
		if !ok {
			d.mismatch(at, x, "an integer")
			return
		}
		v.SetInt(n)
	case reflect.Float64:
		switch n := x.(type) {
		case int64:
			v.SetFloat(float64(n))
		case float64:
			v.SetFloat(n)
		default:
			d.mismatch(at, x, "a number")
		}
	case reflect.Slice:
		items, ok := asArray(x)
		if !ok {
			d.mismatch(at, x, "an array")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		before := d.mismatches
		for i, item := range items {
			d.value(item, at+"["+strconv.Itoa(i)+"]", s.Index(i))
		}
		if d.mismatches > before {
			// An element of the wrong type is reported; keeping its zero
			// value ("") would add a reference to an unknown id. The
			// array is left out, as any value that does not decode.
			return
		}
		v.Set(s)
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok {
			d.mismatch(at, x, "a table")
			return
		}
		if v.Type().Elem().Kind() == reflect.Interface {
			v.Set(reflect.ValueOf(m))
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		for k, item := range m {
			e := reflect.New(v.Type().Elem()).Elem()
			d.value(item, join(at, k), e)
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		v.Set(out)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(x, at, p.Elem())
		v.Set(p)
	case reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			d.mismatch(at, x, "a table")
			return
		}
		d.table(m, at, v)
	default:
		panic(fmt.Sprintf("load: cannot decode into %s", v.Type()))
	}
}

// months decodes a length in months: one number (months = 9) or a range
// of two (months = [18, 24]), each a whole number of months, 1 or more,
// the smaller first.
//
// Example: months = [24, 18], months = 0, months = "two years".
// Discussion: routes add a program's months to the levels' typical
// months; a range the wrong way round or a zero would make a route look
// shorter than it is, which is worse than saying nothing.
func (d *decoder) months(x any, at string) (site.Months, bool) {
	const hint = "write a whole number of months, months = 9, or a range, months = [18, 24]"
	if n, ok := x.(int64); ok {
		if n < 1 {
			d.diags.Add("months-range", d.src.Value(at), hint, "%s must be 1 or more, not %d", displayPath(at), n)
			return site.Months{}, false
		}
		return site.Months{Min: int(n), Max: int(n)}, true
	}
	if f, ok := x.(float64); ok {
		d.mismatches++
		d.diags.Add("type-mismatch", d.src.Value(at), hint, "%s must be a whole number of months, not %v", displayPath(at), f)
		return site.Months{}, false
	}
	items, ok := x.([]any)
	if !ok {
		d.mismatches++
		hint := hint
		if _, isStr := x.(string); isStr {
			hint = `keep the words in duration = "..." and write the number in months = 24 or months = [18, 24]`
		}
		d.diags.Add("type-mismatch", d.src.Value(at), hint, "%s must be a number of months or a range [min, max], not %s", displayPath(at), typeName(x))
		return site.Months{}, false
	}
	if len(items) == 0 || len(items) > 2 {
		d.diags.Add("months-range", d.src.Value(at), hint, "%s must hold one or two numbers, [min, max], not %d", displayPath(at), len(items))
		return site.Months{}, false
	}
	var ns [2]int
	good := true
	for i, item := range items {
		key := at + "[" + strconv.Itoa(i) + "]"
		n, isInt := item.(int64)
		switch {
		case !isInt:
			d.mismatch(key, item, "a whole number of months")
			good = false
		case n < 1:
			d.diags.Add("months-range", d.src.Value(key), hint, "%s must be 1 or more, not %d", displayPath(at), n)
			good = false
		default:
			ns[i] = int(n)
		}
	}
	if !good {
		return site.Months{}, false
	}
	if len(items) == 1 {
		ns[1] = ns[0]
	}
	if ns[0] > ns[1] {
		d.diags.Add("months-range", d.src.Value(at), fmt.Sprintf("write the smaller number first: [%d, %d]", ns[1], ns[0]),
			"%s [%d, %d] goes from more months to fewer", displayPath(at), ns[0], ns[1])
		return site.Months{}, false
	}
	return site.Months{Min: ns[0], Max: ns[1]}, true
}

// asArray returns the elements of a TOML array or array of tables.
func asArray(x any) ([]any, bool) {
	switch a := x.(type) {
	case []any:
		return a, true
	case []map[string]any:
		out := make([]any, len(a))
		for i, m := range a {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// expectations decodes a competency table: id = level, or
// id = { level = N, expect = "..." }. Entries are sorted by competency id.
func (d *decoder) expectations(x any, at string, v reflect.Value) {
	m, ok := x.(map[string]any)
	if !ok {
		d.mismatch(at, x, "a table of competency = level")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]site.Expectation, 0, len(m))
	for _, k := range keys {
		key := join(at, k)
		e := site.Expectation{CompetencyID: k, Key: key}
		switch val := m[k].(type) {
		case int64:
			e.Level = int(val)
		case string:
			e.LevelName = val // a name on the scale, which check resolves
		case map[string]any:
			var body struct {
				Examples []string `toml:"examples"`
			}
			sub := *d
			sub.kind = fmt.Sprintf("the expectation of %q", k)
			sub.table(val, key, reflect.ValueOf(&body).Elem(), "expect", "level")
			switch lv := val["level"].(type) {
			case int64:
				e.Level = int(lv)
			case string:
				e.LevelName = lv
			case nil:
				// An expectation without a level would only add errors
				// about level 0.
				d.diags.Add("missing-key", d.src.Value(key), fmt.Sprintf("add level = ... to %s", sub.kind), "missing required key \"level\" in %s", sub.kind)
				continue
			default:
				d.mismatch(join(key, "level"), lv, "a level on the scale (a number or a scale name)")
				continue
			}
			if x, ok := val["expect"]; ok {
				e.Expect = d.texts(x, join(key, "expect"))
			}
			for _, x := range body.Examples {
				e.Examples = append(e.Examples, site.Inline{Text: x})
			}
		default:
			d.diags.Add("type-mismatch", d.src.Value(key), fmt.Sprintf(`write %s = 3, %s = "<scale name>", or %s = { level = 3, expect = "..." }`, k, k, k),
				"%s must be a level on the scale, not %s", displayPath(key), typeName(val))
			continue
		}
		out = append(out, e)
	}
	v.Set(reflect.ValueOf(out))
}

// texts decodes a value that may be one string or an array of strings
// (expect = "..." or expect = ["...", "..."]).
func (d *decoder) texts(x any, at string) []site.Inline {
	if str, ok := x.(string); ok {
		return []site.Inline{{Text: str}}
	}
	items, ok := asArray(x)
	if !ok {
		d.mismatch(at, x, "a string or an array of strings")
		return nil
	}
	out := make([]site.Inline, 0, len(items))
	for i, item := range items {
		str, ok := item.(string)
		if !ok {
			d.mismatch(fmt.Sprintf("%s[%d]", at, i), item, "a string")
			return nil
		}
		out = append(out, site.Inline{Text: str})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// idPattern is what an id must look like.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidID reports whether id is a valid entity id: lower-case [a-z0-9-]+
// without leading, trailing or doubled hyphens. A level's full id is two
// valid ids joined by "/".
func ValidID(id string) bool { return idPattern.MatchString(id) }

// SuggestID turns a name into a valid id ("Secure Coding" becomes
// "secure-coding"), for hints; it returns "" when nothing of the name is
// left.
func SuggestID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
