package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

func example(t *testing.T) (*site.Site, site.Texts) {
	t.Helper()
	s, texts, diags, err := load.Dir(ladder.Example(), load.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if diags.Errors() > 0 {
		t.Fatalf("example site: %v", diags)
	}
	check.Site(s, texts)
	return s, texts
}

// Every new file must load and check without errors when added to the
// example site: that is the promise of "ladder new".
func TestNewFilesValidate(t *testing.T) {
	s, texts := example(t)
	cases := []struct{ kind, track, id, path string }{
		{"track", "", "nursing-aide", "content/tracks/nursing-aide/_index.md"},
		{"level", "cloud-support", "principal", "content/tracks/cloud-support/principal.md"},
		{"course", "", "secure-coding-2", "content/courses/secure-coding-2.md"},
		{"program", "", "night-school", "content/programs/night-school.md"},
		{"competency", "", "negotiation", "content/competencies/negotiation.md"},
		{"page", "", "faq-2", "content/pages/faq-2.md"},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			f, err := New(s, texts, site.ParseKind(c.kind), c.track, c.id)
			if err != nil {
				t.Fatal(err)
			}
			if f.Path != c.path {
				t.Errorf("path = %q, want %q", f.Path, c.path)
			}
			files := fstest.MapFS{}
			fs.WalkDir(ladder.Example(), ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := fs.ReadFile(ladder.Example(), p)
					files[p] = &fstest.MapFile{Data: b}
				}
				return err
			})
			files[f.Path] = &fstest.MapFile{Data: []byte(f.Text)}
			s2, texts2, diags, err := load.Dir(files, load.Options{Drafts: true})
			if err != nil {
				t.Fatal(err)
			}
			diags = append(diags, check.Site(s2, texts2)...)
			if diags.Errors() > 0 {
				t.Fatalf("new %s does not validate:\n%s\n%v", c.kind, f.Text, diags)
			}
		})
	}
}

func TestNewLevelStartsAboveTheTop(t *testing.T) {
	s, texts := example(t)
	f, err := New(s, texts, site.KindLevel, "cloud-support", "principal")
	if err != nil {
		t.Fatal(err)
	}
	top := 0
	for _, l := range s.TrackByID("cloud-support").Levels {
		if l.Path == "ic" {
			top = max(top, l.Rank)
		}
	}
	if want := fmt.Sprintf("rank = %d", top+1); !strings.Contains(f.Text, want) {
		t.Errorf("new level lacks %q:\n%s", want, f.Text)
	}
	if !strings.Contains(f.Text, "\n[competencies]") {
		t.Errorf("new level does not start from the competencies of the level below:\n%s", f.Text)
	}
}

func TestNewRefuses(t *testing.T) {
	s, texts := example(t)
	_, err := New(s, texts, site.KindLevel, "cloud-suport", "x")
	var unknown *UnknownTrackError
	if !errors.As(err, &unknown) || unknown.Suggestion != "cloud-support" {
		t.Errorf("unknown track: err = %v, want an UnknownTrackError suggesting cloud-support", err)
	}
	_, err = New(s, texts, site.KindLevel, "cloud-support", "associate")
	var exists *ExistsError
	if !errors.As(err, &exists) || exists.Where != "content/tracks/cloud-support/associate.md" {
		t.Errorf("existing level: err = %v, want an ExistsError naming its file", err)
	}
}

func TestCreateNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	f := File{Path: "content/pages/x.md", Text: "new"}
	if err := Create(dir, f); err != nil {
		t.Fatal(err)
	}
	f.Text = "other"
	if err := Create(dir, f); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second Create: err = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/pages/x.md")); string(b) != "new" {
		t.Errorf("file overwritten: %q", b)
	}
}

func TestInitNeedsAnEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644)
	if err := Init(dir, false); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Init into a non-empty dir: err = %v", err)
	}
	fresh := filepath.Join(dir, "site")
	if err := Init(fresh, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"site.toml", "content", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(fresh, p)); err != nil {
			t.Errorf("Init did not create %s: %v", p, err)
		}
	}
}

// TestStarterChecksClean: the site that ladder init writes passes check
// with no error and no warning, and pins no date.
func TestStarterChecksClean(t *testing.T) {
	s, texts, diags, err := load.Dir(Starter(), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if len(diags) > 0 {
		t.Errorf("starter site has diagnostics:\n%v", diags)
	}
	if len(s.Tracks) != 1 || len(s.Levels) != 2 || len(s.Competencies) != 1 || len(s.Courses) != 1 || len(s.Programs) != 1 {
		t.Errorf("starter: %d tracks, %d levels, %d competencies, %d courses, %d programs; want 1, 2, 1, 1, 1",
			len(s.Tracks), len(s.Levels), len(s.Competencies), len(s.Courses), len(s.Programs))
	}
	if texts.Of(s.Config.Src).Has("today") {
		t.Error("starter site.toml pins today")
	}
}

// TestInitExampleUnpinsToday: ladder init --example copies the example
// without its fixed date, and the copy still checks.
func TestInitExampleUnpinsToday(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ex")
	if err := Init(dir, true); err != nil {
		t.Fatal(err)
	}
	s, texts, diags, err := load.Dir(os.DirFS(dir), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diags = append(diags, check.Site(s, texts)...); diags.Errors() > 0 {
		t.Fatalf("example copy has errors:\n%v", diags.Err())
	}
	if texts.Of(s.Config.Src).Has("today") {
		t.Error("the copied site.toml still pins today")
	}
	if _, err := os.Stat(filepath.Join(dir, "content/tracks/software/sde-2.md")); err != nil {
		t.Error(err)
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		id       string
		acronyms []string
		want     string
	}{
		{"senior-engineer", nil, "Senior engineer"},
		{"hr-law", nil, "HR law"},
		{"hrbp-1", nil, "HRBP 1"},
		{"it-support", nil, "IT support"},
		{"sde-3", nil, "SDE 3"},
		{"l4", nil, "L4"},
		{"okr-coach", []string{"OKR"}, "OKR coach"},
		{"people-ops-2", []string{"ops"}, "People OPS 2"},
		{"engineer", nil, "Engineer"},
	}
	for _, tt := range tests {
		if got := Title(tt.id, tt.acronyms); got != tt.want {
			t.Errorf("Title(%q, %q) = %q, want %q", tt.id, tt.acronyms, got, tt.want)
		}
	}
}
