package suppress

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// With no directive, every finding is kept in the list given, not a copy
// of it; with one, the finding it covers is dropped and the list given is
// left as it was.
func TestApplyKeepsTheListWhenNothingIsSuppressed(t *testing.T) {
	text := "int a;\nint b; // hpylint: ignore[HPY201]\n"
	diags := []diag.Diagnostic{
		{Code: "HPY201", Location: source.Location{Path: "m.c", Span: source.Span{Start: 0}}},
		{Code: "HPY201", Location: source.Location{Path: "m.c", Span: source.Span{Start: 7}}},
	}
	lines := func(string) *textpos.Index { return textpos.New([]byte(text)) }
	enabled := func(string) bool { return true }
	kept, unused := Apply(diags, nil, lines, enabled)
	if len(kept) != 2 || &kept[0] != &diags[0] || len(unused) != 0 {
		t.Errorf("with no directive: %d kept (the list given: %v), %d unused", len(kept), &kept[0] == &diags[0], len(unused))
	}
	dirs := []Directive{{Path: "m.c", Line: 1, Codes: []Code{{Text: "HPY201"}}}}
	kept, unused = Apply(diags, dirs, lines, enabled)
	if len(kept) != 1 || kept[0].Location.Span.Start != 0 || len(unused) != 0 {
		t.Errorf("with a directive on line 2: kept %+v, unused %+v", kept, unused)
	}
	if diags[1].Location.Span.Start != 7 {
		t.Error("the list given was changed")
	}
}
