package analysis

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A finding's related places are copied only when one moves: those all
// before the edit, or in other files, keep the run before's list, which is
// never written; those after it get a moved copy, the old list untouched.
func TestMovedFindingsCopyRelatedOnlyWhenMoved(t *testing.T) {
	at := func(path string, start int) source.Location {
		return source.Location{Path: path, Span: source.Span{Start: start, End: start + 3}}
	}
	before := []diag.Related{{Location: at("a.c", 10), Message: "here"}, {Location: at("setup.py", 500), Message: "declared"}}
	after := []diag.Related{{Location: at("a.c", 10), Message: "here"}, {Location: at("a.c", 300), Message: "there"}}
	ds := []diag.Diagnostic{
		{Code: "HPY201", Location: at("a.c", 20), Related: before},
		{Code: "HPY201", Location: at("a.c", 20), Related: after},
	}
	// An Enter at offset 200, on a line of its own.
	e := cfacts.Edit{Start: 200, OldEnd: 200, NewEnd: 201}
	out, _, ok := movedFindings(ds, "a.c", e, source.Span{Start: 200, End: 200}, cfacts.Anchors{}, func(string, int) int { return 1 })
	if !ok || len(out) != 2 {
		t.Fatalf("moved %v, %d findings; want both moved", ok, len(out))
	}
	if &out[0].Related[0] != &before[0] {
		t.Error("related places that do not move were copied")
	}
	if &out[1].Related[0] == &after[0] {
		t.Fatal("related places that move share the run before's list")
	}
	if got := out[1].Related[1].Location.Span.Start; got != 301 {
		t.Errorf("the related place after the edit is at %d, want 301", got)
	}
	if out[1].Related[0].Location != after[0].Location || after[1].Location.Span.Start != 300 {
		t.Errorf("moving changed the run before's list, or a place before the edit: %+v, %+v", out[1].Related, after)
	}
}
