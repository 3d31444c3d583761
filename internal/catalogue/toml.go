package catalogue

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Marker starts the first line of every catalogue that Encode writes: the
// command line rewrites a catalogue only when its first line starts so.
const Marker = "# Written by ladder import"

// Owned reports whether data is a catalogue that Encode wrote.
func Owned(data []byte) bool { return strings.HasPrefix(string(data), Marker) }

// Decode reads a catalogue file's [[course]] tables. Numbers become
// float64, arrays of strings []string, and skills map[string]float64, so
// that they compare equal to what ReadCSV makes of the same values.
func Decode(data []byte) ([]Course, error) {
	var doc struct {
		Course []map[string]any `toml:"course"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		return nil, err
	}
	for _, k := range md.Undecoded() {
		if k[0] != "course" {
			return nil, fmt.Errorf("%s is not a [[course]] table: a catalogue that ladder import rewrites holds courses alone", k)
		}
	}
	var out []Course
	for i, t := range doc.Course {
		id, _ := t["id"].(string)
		if id == "" {
			return nil, fmt.Errorf("course %d has no id", i+1)
		}
		c := Course{ID: id, Values: map[string]any{}}
		for k, v := range t {
			if k == "id" {
				continue
			}
			nv, err := normal(v)
			if err != nil {
				return nil, fmt.Errorf("course %q, key %s: %w", id, k, err)
			}
			c.Values[k] = nv
		}
		out = append(out, c)
	}
	return out, nil
}

// normal returns a decoded TOML value in the types Course values use.
func normal(v any) (any, error) {
	switch v := v.(type) {
	case string, bool, float64, time.Time:
		return v, nil
	case int64:
		return float64(v), nil
	case []any:
		out := make([]string, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("an array of %T, not of strings", x)
			}
			out[i] = s
		}
		return out, nil
	case map[string]any:
		out := map[string]float64{}
		for k, x := range v {
			switch x := x.(type) {
			case int64:
				out[k] = float64(x)
			case float64:
				out[k] = x
			default:
				return nil, fmt.Errorf("a table of %T, not of numbers", x)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("a value of type %T", v)
}

// Change is what an import does to one course.
type Change struct {
	ID    string
	Title string
	Kind  string   // "added", "changed" or "removed"
	Keys  []string // the keys that changed, for "changed"
}

// Merge returns the catalogue after importing courses into old, sorted by
// id, and the changes: the courses added or changed in the CSV file's
// order, then those removed. A
// course in both keeps the values of its keys that no column holds
// (imported lists the keys the CSV file had columns for): skills added to
// the catalogue by hand stay when the LMS has no skills column. A course
// of old that the CSV file does not hold is removed: the LMS is where
// courses are kept.
func Merge(old, courses []Course, imported []string) ([]Course, []Change) {
	byID := map[string]Course{}
	for _, c := range old {
		byID[c.ID] = c
	}
	var out []Course
	var changes []Change
	seen := map[string]bool{}
	for _, c := range courses {
		seen[c.ID] = true
		prev, ok := byID[c.ID]
		if !ok {
			out = append(out, c)
			changes = append(changes, Change{ID: c.ID, Title: title(c), Kind: "added"})
			continue
		}
		merged := Course{ID: c.ID, Values: maps.Clone(prev.Values), Pos: c.Pos}
		for _, k := range imported {
			if k == "id" {
				continue
			}
			if v, ok := c.Values[k]; ok {
				merged.Values[k] = v
			} else {
				delete(merged.Values, k)
			}
		}
		var keys []string
		for _, k := range allKeys(prev.Values, merged.Values) {
			if !reflect.DeepEqual(prev.Values[k], merged.Values[k]) {
				keys = append(keys, k)
			}
		}
		if len(keys) > 0 {
			changes = append(changes, Change{ID: c.ID, Title: title(merged), Kind: "changed", Keys: keys})
		}
		out = append(out, merged)
	}
	for _, c := range old {
		if !seen[c.ID] {
			changes = append(changes, Change{ID: c.ID, Title: title(c), Kind: "removed"})
		}
	}
	slices.SortFunc(out, func(a, b Course) int { return strings.Compare(a.ID, b.ID) })
	return out, changes
}

func title(c Course) string {
	s, _ := c.Values["title"].(string)
	return s
}

// allKeys returns the keys of a and b in the order Encode writes them.
func allKeys(a, b map[string]any) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	return ordered(set)
}

// ordered returns the keys of set: those of Keys in their order, then the
// others by name.
func ordered(set map[string]bool) []string {
	var out, rest []string
	for _, k := range Keys {
		if set[k] {
			out = append(out, k)
		}
	}
	for k := range set {
		if !slices.Contains(Keys, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// Encode writes courses as a catalogue: the marker line with the name of
// the CSV file, then a [[course]] table per course, keys in the order of
// Keys, skills as a [course.skills] table. The bytes depend on the courses
// alone.
func Encode(source string, courses []Course) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from %s.\n", Marker, quoteComment(source))
	b.WriteString("# ladder import rewrites this file from the LMS export: edit the CSV file, or map\n# its columns with --map, rather than this file.\n")
	for _, c := range courses {
		b.WriteString("\n[[course]]\n")
		fmt.Fprintf(&b, "id = %s\n", quote(c.ID))
		set := map[string]bool{}
		for k := range c.Values {
			set[k] = true
		}
		var tables []string
		for _, k := range ordered(set) {
			v := c.Values[k]
			if m, ok := v.(map[string]float64); ok {
				if len(m) > 0 {
					tables = append(tables, k)
				}
				continue
			}
			fmt.Fprintf(&b, "%s = %s\n", bareKey(k), value(v))
		}
		for _, k := range tables {
			m := c.Values[k].(map[string]float64)
			fmt.Fprintf(&b, "[course.%s]\n", bareKey(k))
			for _, id := range slices.Sorted(maps.Keys(m)) {
				fmt.Fprintf(&b, "%s = %s\n", bareKey(id), number(m[id]))
			}
		}
	}
	return []byte(b.String())
}

// value writes a value of a Course as TOML.
func value(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return number(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return quote(fmt.Sprint(v))
}

// number writes a whole number without a point, others as short as they
// go.
func number(f float64) string {
	if f == float64(int64(f)) && f < 1e15 && f > -1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// quote writes s as a TOML basic string: quotes and backslashes escaped,
// control characters as \uXXXX, everything else as it is.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// bareKey writes a key bare when TOML allows it, else quoted.
func bareKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, r := range k {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return quote(k)
		}
	}
	return k
}

// quoteComment keeps a file name on the comment line.
func quoteComment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
