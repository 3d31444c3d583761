// Package ladder holds the files built into the ladder binary: the example
// career framework (site.toml, content/ and a second theme under themes/)
// and the default theme. The
// generator itself lives under internal/, and the command under cmd/ladder.
package ladder

import (
	"embed"
	"io/fs"
)

// The all: prefix keeps the files whose names begin with "_" (every
// _index.md), which go:embed leaves out otherwise.
//
//go:embed site.toml all:content themes/handbook
var example embed.FS

//go:embed themes/default
var themes embed.FS

// Example returns the example site: site.toml, content/ and
// themes/handbook (a theme that extends the default one) at its root.
func Example() fs.FS { return example }

// DefaultTheme returns the default theme: layouts/ and assets/ at its root.
func DefaultTheme() fs.FS {
	sub, err := fs.Sub(themes, "themes/default")
	if err != nil {
		panic(err) // the embedded path is fixed at compile time
	}
	return sub
}
