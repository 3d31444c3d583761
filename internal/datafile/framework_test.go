package datafile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// TestEncodeFramework compares framework.json encoded once, its head put
// in front of the lists of the hashed encoding, with the file encoded the
// plain way: the hash of the encoding with today, version and hash empty,
// then the whole file again.
func TestEncodeFramework(t *testing.T) {
	lists := Framework{Scale: []string{"a", "b"}, Tracks: []FrameworkTrack{{ID: "t", Title: "T <&>"}},
		Levels: []FrameworkLevel{}, Competencies: []FrameworkComp{}, Courses: []FrameworkCourse{}, Programs: []FrameworkProg{}, Pages: []FrameworkPage{}}
	tests := []struct {
		name string
		head Framework
	}{
		{"no version", Framework{Schema: Schema, Title: "Career Framework", Language: "en", Today: "2026-11-25"}},
		{"version", Framework{Schema: Schema, Version: "2026.1", Title: "T", Language: "de", Today: "2026-11-25"}},
		{"hostile title", Framework{Schema: Schema, Version: `1","today":"`, Title: "\"today\":\"\" <script>\u2028", Language: "en", Today: "x"}},
		{"empty", Framework{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := lists
			f.Schema, f.Version, f.Title, f.Language, f.Today = tt.head.Schema, tt.head.Version, tt.head.Title, tt.head.Language, tt.head.Today

			blank := f
			blank.Today, blank.Version = "", ""
			b, err := json.Marshal(&blank)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			want := f
			want.Hash = "sha256:" + hex.EncodeToString(sum[:])
			wantBytes, err := marshal(&want)
			if err != nil {
				t.Fatal(err)
			}

			got := f
			gotBytes, err := encodeFramework(&got)
			if err != nil {
				t.Fatal(err)
			}
			if got.Hash != want.Hash {
				t.Errorf("hash %s, want %s", got.Hash, want.Hash)
			}
			if !bytes.Equal(gotBytes, wantBytes) {
				t.Errorf("encoded\n%s\nwant\n%s", gotBytes, wantBytes)
			}
			if _, ok := withHead(b, &want); !ok {
				t.Error("the head was not put in front of the lists: the file was encoded twice")
			}
			if h := ContentHash(&want); h != want.Hash {
				t.Errorf("ContentHash %s, want %s", h, want.Hash)
			}
		})
	}
}
