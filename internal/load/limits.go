package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

// DefaultLimits are the limits of a site whose site.toml sets none. They
// are far above real content (the example's largest file is a few
// kilobytes, its deepest TOML nests three deep) and low enough that the
// worst file within them loads in seconds.
var DefaultLimits = site.Limits{
	FileSize:      8 << 20,
	BodySize:      1 << 20,
	Depth:         32,
	MarkdownDepth: 32,
	Entities:      200_000,
	Tables:        250_000,
}

// ConfigSize is the largest site.toml read. It cannot be raised, since
// site.toml is where limits are set: a site's configuration is a few
// hundred bytes, and large data belongs in content files.
const ConfigSize = 1 << 20

// withDefaults fills the zero fields of l with the defaults.
func withDefaults(l site.Limits) site.Limits {
	d := DefaultLimits
	if l.FileSize > 0 {
		d.FileSize = l.FileSize
	}
	if l.BodySize > 0 {
		d.BodySize = l.BodySize
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.MarkdownDepth > 0 {
		d.MarkdownDepth = l.MarkdownDepth
	}
	if l.Entities > 0 {
		d.Entities = l.Entities
	}
	if l.Tables > 0 {
		d.Tables = l.Tables
	}
	return d
}

// raise returns the hint for a limit: how to raise it in site.toml, to
// twice the value that was crossed.
func raise(key string, value any) string {
	return fmt.Sprintf("or raise the limit in site.toml: [limits] %s = %v", key, value)
}

// sizeValue writes a size as site.toml takes it.
func sizeValue(b site.ByteSize) string {
	return strconv.Quote(strings.ReplaceAll(b.String(), " ", ""))
}

// readLimited reads the file name from fsys, or its first max+1 bytes
// when it is larger, so that a huge file costs no more than the limit to
// find out about.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if info, err := f.Stat(); err == nil && info.Size() > 0 {
		size = min(info.Size(), max) + 1
	}
	buf := make([]byte, 0, size)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return buf[:max+1], nil
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// checkTOML reports what makes TOML text unsafe or impossible to decode,
// before a decoder sees it: a control character, nesting deeper than the
// limit, more catalogue entries than the limit. text is the TOML, at
// offset base of the file; the limit keys are those of content files
// unless config is set. It reports whether the text may be decoded.
//
// Example: an inline table nested ten thousand deep ({a = {a = ...}}).
// Discussion: decoders recurse and allocate per level, and the cost of
// such text grows much faster than its size; the check is one linear pass.
func checkTOML(lines *diag.LineIndex, text []byte, base int, lim site.Limits, config bool, diags *diag.List) bool {
	sh := tomlpos.Measure(text, lim.Depth)
	if sh.Control >= 0 && text[sh.Control] == '\r' {
		diags.Add("control-character", lines.Pos(base+sh.Control, base+sh.Control+1), "save the file with LF or CRLF line endings",
			"carriage return without a line feed in TOML")
		return false
	}
	if sh.Control >= 0 {
		c := text[sh.Control]
		diags.Add("control-character", lines.Pos(base+sh.Control, base+sh.Control+1),
			fmt.Sprintf(`remove it; inside a string, write it as the escape \u%04X`, c),
			"control character U+%04X in TOML", c)
		return false
	}
	if sh.Depth > lim.Depth {
		hint := "flatten the data, " + raise("depth", 2*lim.Depth)
		if config {
			hint = "flatten the data: site.toml itself always nests at most " + strconv.Itoa(lim.Depth) + " deep"
		}
		diags.Add("limit", lines.Pos(base+sh.DeepAt.Start, base+sh.DeepAt.End), hint,
			"TOML nested deeper than the limit of %d", lim.Depth)
		return false
	}
	if sh.Containers > lim.Tables {
		hint := "split the file, " + raise("tables", 2*lim.Tables)
		if config {
			hint = "move the data into content files: site.toml itself always holds at most " + strconv.Itoa(lim.Tables)
		}
		diags.Add("limit", lines.Pos(base, base), hint, "TOML holds more than the limit of %d tables and arrays", lim.Tables)
		return false
	}
	if sh.Tables > lim.Entities {
		diags.Add("limit", lines.Pos(base, base), "split the catalogue, "+raise("entities", 2*lim.Entities),
			"catalogue holds more than the limit of %d entities", lim.Entities)
		return false
	}
	return true
}

// parseByteSize reads a size: an integer number of bytes, or a string of
// digits and a unit (B, KB, KiB, MB, MiB, GB, GiB; case and spaces do not
// matter).
func parseByteSize(x any) (site.ByteSize, bool) {
	switch v := x.(type) {
	case int64:
		return site.ByteSize(v), v > 0
	case string:
		s := strings.ToLower(strings.ReplaceAll(v, " ", ""))
		i := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || n <= 0 {
			return 0, false
		}
		unit := map[string]int64{"": 1, "b": 1, "kb": 1e3, "kib": 1 << 10, "mb": 1e6, "mib": 1 << 20, "gb": 1e9, "gib": 1 << 30}
		m, ok := unit[s[i:]]
		if !ok || n > (1<<62)/m {
			return 0, false
		}
		return site.ByteSize(n * m), true
	}
	return 0, false
}

// checkLimits reports limits in site.toml below 1 (a value of another
// type has been reported by the decoder).
func checkLimits(cfg *site.Config, src site.Source, table map[string]any, diags *diag.List) {
	limits, _ := table["limits"].(map[string]any)
	for _, key := range []string{"depth", "entities", "markdown_depth", "tables"} {
		if n, ok := limits[key].(int64); ok && n < 1 {
			diags.Add("limit-value", src.Value("limits."+key), "a limit is 1 or more; leave the key out for the default",
				"limits.%s must be 1 or more, not %d", key, n)
		}
	}
}
