package fix

import (
	"errors"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// replaceFinding is one finding per occurrence of old in path, whose fix
// replaces it by new.
func replaceFinding(code, path, content, old, new string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for i := strings.Index(content, old); i >= 0; {
		span := source.Span{Start: i, End: i + len(old)}
		out = append(out, diag.Diagnostic{Code: code, Location: source.Location{Path: path, Span: span},
			Fixes: []diag.Fix{{Title: "replace", Edits: []diag.Edit{{Path: path, Span: span, NewText: new}}}}})
		j := strings.Index(content[i+len(old):], old)
		if j < 0 {
			break
		}
		i += len(old) + j
	}
	return out
}

func content(s *source.Snapshot, p string) string {
	if f := s.File(p); f != nil {
		return string(f.Content)
	}
	return ""
}

// One fix enables the next: the loop goes on until nothing changes, and
// reports each file once, from its first content to its last.
func TestToFixpointChainsFixes(t *testing.T) {
	snap := source.NewSnapshot("", []*source.File{{Path: "m.c", Content: []byte("a a\n")}, {Path: "other.c", Content: []byte("x\n")}})
	runs := 0
	fp, err := ToFixpoint(snap, func(s *source.Snapshot) ([]diag.Diagnostic, error) {
		runs++
		c := content(s, "m.c")
		return append(replaceFinding("A", "m.c", c, "a", "b"), replaceFinding("B", "m.c", c, "b", "c")...), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !fp.Converged || fp.Fixed != 4 || runs != 3 {
		t.Errorf("converged %v after %d analyses with %d fixes; want converged, 3 analyses, 4 fixes", fp.Converged, runs, fp.Fixed)
	}
	if len(fp.Changes) != 1 || fp.Changes[0].Path != "m.c" || string(fp.Changes[0].Old) != "a a\n" || string(fp.Changes[0].New) != "c c\n" {
		t.Errorf("changes %+v; want m.c from \"a a\\n\" to \"c c\\n\"", fp.Changes)
	}
	if content(fp.Final, "m.c") != "c c\n" || content(fp.Final, "other.c") != "x\n" {
		t.Errorf("final snapshot: m.c %q, other.c %q", content(fp.Final, "m.c"), content(fp.Final, "other.c"))
	}
}

// Fixes that never settle stop after MaxPasses applications (each pass
// doubles the a's, with one fix per a).
func TestToFixpointStopsAfterMaxPasses(t *testing.T) {
	snap := source.NewSnapshot("", []*source.File{{Path: "m.c", Content: []byte("a")}})
	runs := 0
	fp, err := ToFixpoint(snap, func(s *source.Snapshot) ([]diag.Diagnostic, error) {
		runs++
		return replaceFinding("A", "m.c", content(s, "m.c"), "a", "aa"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fp.Converged || runs != MaxPasses+1 || fp.Fixed != 1<<MaxPasses-1 || len(fp.Changes[0].New) != 1<<MaxPasses {
		t.Errorf("converged %v, %d analyses, %d fixes, %d bytes; want not converged, %d analyses, %d fixes, %d bytes", fp.Converged, runs, fp.Fixed, len(fp.Changes[0].New), MaxPasses+1, 1<<MaxPasses-1, 1<<MaxPasses)
	}
}

// A file a later pass puts back is no change; a file created is one.
func TestToFixpointUndoAndCreate(t *testing.T) {
	snap := source.NewSnapshot("", []*source.File{{Path: "m.c", Content: []byte("a")}})
	fp, err := ToFixpoint(snap, func(s *source.Snapshot) ([]diag.Diagnostic, error) {
		c := content(s, "m.c")
		if s.File("new.h") == nil {
			return append(replaceFinding("A", "m.c", c, "a", "b"), diag.Diagnostic{Code: "C", Location: source.Location{Path: "m.c"},
				Fixes: []diag.Fix{{Title: "create", Edits: []diag.Edit{{Path: "new.h", NewText: "h\n"}}}}}), nil
		}
		return replaceFinding("B", "m.c", c, "b", "a"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fp.Changes) != 1 || fp.Changes[0].Path != "new.h" || !fp.Changes[0].Created || string(fp.Changes[0].New) != "h\n" {
		t.Errorf("changes %+v; want only new.h created", fp.Changes)
	}
}

func TestToFixpointStopsOnError(t *testing.T) {
	snap := source.NewSnapshot("", []*source.File{{Path: "m.c", Content: []byte("a")}})
	stop := errors.New("cancelled")
	runs := 0
	_, err := ToFixpoint(snap, func(s *source.Snapshot) ([]diag.Diagnostic, error) {
		if runs++; runs == 2 {
			return nil, stop
		}
		return replaceFinding("A", "m.c", content(s, "m.c"), "a", "aa"), nil
	})
	if err != stop {
		t.Errorf("error %v, want the analysis's", err)
	}
}

func TestEditsRebuildTheChange(t *testing.T) {
	cases := []Change{
		{Path: "m.c", Old: []byte("a\nb\nc\nd\ne\nf\n"), New: []byte("a\nB\nc\nd\ne\nf\ng\n")},
		{Path: "m.c", Old: []byte("HPy_MODINIT(point, d)\nrest\n"), New: []byte("HPy_MODINIT(_point, d)\n#include \"x.h\"\nX(_point)\nrest\n")},
		{Path: "m.c", Old: []byte("a\r\nb"), New: []byte("a\r\nb\r\n")},
		{Path: "m.c", Old: []byte("a\nb\nc\n"), New: []byte("c\n")},
		{Path: "m.c", Old: []byte("same\n"), New: []byte("same\n")},
		{Path: "new.h", New: []byte("h\n"), Created: true},
	}
	for _, c := range cases {
		edits := Edits(c)
		if got := string(Apply(c.Old, edits)); got != string(c.New) {
			t.Errorf("%q -> %q: edits %+v give %q", c.Old, c.New, edits, got)
		}
	}
	// Only the changed lines are replaced: the first case's two runs.
	if edits := Edits(cases[0]); len(edits) != 2 || edits[0].Span != (source.Span{Start: 2, End: 4}) || edits[0].NewText != "B\n" {
		t.Errorf("edits %+v; want b replaced and g appended", edits)
	}
}
