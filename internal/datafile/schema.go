package datafile

import (
	"embed"
	"fmt"
)

// The JSON Schemas (2020-12) of framework.json and of the front matter of
// each kind of content file and of site.toml. Editors that read JSON Schema
// for TOML (Taplo, Even Better TOML) complete and check content files with
// them; tests keep them in step with the loader's keys and with
// BuildFramework.
//
//go:embed schemas/*.schema.json
var schemas embed.FS

// ContentSchemas names the schemas of the content files, published as
// data/schemas/<name>.schema.json.
var ContentSchemas = []string{"site", "track", "level", "competency", "course", "program", "page", "plan"}

// SchemaFile returns the schema called name: "framework" or one of
// ContentSchemas.
func SchemaFile(name string) ([]byte, error) {
	b, err := schemas.ReadFile("schemas/" + name + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("schema %q: %w", name, err)
	}
	return b, nil
}
