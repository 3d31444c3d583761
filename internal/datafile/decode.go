package datafile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Decode reads a framework.json, as a build or ladder release writes it.
// Keys it does not know are ignored, so that a file written by a newer
// ladder of the same schema still reads; a file of another schema is an
// error. The error says where the JSON went wrong (line:col) when it does
// not parse.
func Decode(data []byte) (*Framework, error) {
	var f Framework
	if err := json.Unmarshal(data, &f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line, col := lineCol(data, syn.Offset)
			return nil, fmt.Errorf("%d:%d: not a framework.json: %v", line, col, err)
		case errors.As(err, &typ):
			line, col := lineCol(data, typ.Offset)
			return nil, fmt.Errorf("%d:%d: not a framework.json: %s must be %s, not %s", line, col, typ.Field, typ.Type, typ.Value)
		}
		return nil, fmt.Errorf("not a framework.json: %w", err)
	}
	if f.Schema != Schema {
		return nil, fmt.Errorf("not a framework.json of schema %d (it says \"schema\": %d)", Schema, f.Schema)
	}
	return &f, nil
}

// lineCol returns the 1-based line and column of byte offset off in data.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// Encode writes a framework.json: compact, with a final newline, the same
// bytes a build writes for the same framework.
func Encode(f *Framework) ([]byte, error) { return marshal(f) }
