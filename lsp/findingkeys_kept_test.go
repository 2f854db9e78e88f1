package lsp

import (
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A file's finding keys are taken from the last publication's while its
// findings are the same and the files their places are in hold the same
// texts; a finding changed, or a related place's file edited, keys it
// again. The keys taken are those a fresh keying gives.
func TestFindingKeysAreKeptWhileTheirInputsHold(t *testing.T) {
	root := t.TempDir()
	f := &folder{root: root}
	snap := source.NewSnapshot(root, []*source.File{
		{Path: "setup.py", Content: []byte("setup()\n")},
		{Path: "a.c", Content: []byte("int a;\n")},
	})
	at := func(path string, start int) source.Location {
		return source.Location{Path: path, Span: source.Span{Start: start, End: start + 1}}
	}
	summary := diag.Diagnostic{Code: "HPY209", Message: "ext cannot build", Location: at("setup.py", 0),
		Related: []diag.Related{{Location: at("a.c", 4), Message: "PyErr_Clear"}}}
	abs := f.abs("setup.py")
	outcomeOf := func(version int32, ds ...diag.Diagnostic) *outcome {
		return &outcome{folder: f, snap: snap, versions: map[string]int32{f.abs("a.c"): version}, diags: map[string][]diag.Diagnostic{abs: ds}}
	}
	first := outcomeOf(1, summary).keyFindings(abs, keyedFindings{})

	// The same finding, in another run's list: the keys are taken.
	kept := outcomeOf(1, summary).keyFindings(abs, first)
	if &kept.keys[0] != &first.keys[0] {
		t.Error("the keys of an unchanged file were worked out again")
	}
	// a.c, where the related place is, was edited: keyed again.
	edited := outcomeOf(2, summary)
	again := edited.keyFindings(abs, first)
	if &again.keys[0] == &first.keys[0] || again.whole == first.whole {
		t.Error("the keys were taken though the file of a related place changed")
	}
	// A finding's message changed: keyed again.
	other := summary
	other.Message = "ext cannot build yet"
	changed := outcomeOf(1, other).keyFindings(abs, first)
	if &changed.keys[0] == &first.keys[0] || changed.whole == first.whole {
		t.Error("the keys were taken though a finding's message changed")
	}
	// Whatever was taken equals a fresh keying.
	for _, o := range []*outcome{outcomeOf(1, summary), edited, outcomeOf(1, other)} {
		fresh := o.keyFindings(abs, keyedFindings{})
		got := o.keyFindings(abs, first)
		if got.whole != fresh.whole || !slices.Equal(got.keys, fresh.keys) || !slices.Equal(got.rests, fresh.rests) {
			t.Errorf("keys taken or made from the last publication's differ from a fresh keying: %v against %v", got.keys, fresh.keys)
		}
	}
}
