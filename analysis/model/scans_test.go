package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// The scans of a run keep the answers of the files its snapshot shares
// with the run before, and only those: the old content of an edited file
// is not kept, whether the snapshot was made from the one before by an
// edit or not.
func TestNewScansKeepsTheSharedFiles(t *testing.T) {
	base := source.NewSnapshot("/s", []*source.File{
		{Path: "a.c", Content: []byte("HPy_MODINIT(a, d)\n")},
		{Path: "b.c", Content: []byte("int b;\n")},
	})
	first := NewScans(nil, base)
	oldA, b := base.File("a.c"), base.File("b.c")
	first.Of(oldA)
	first.Of(b)

	edited := base.With(&source.File{Path: "a.c", Content: []byte("int a;\n")})
	removed := source.NewSnapshot("/s", []*source.File{b})
	for name, snap := range map[string]*source.Snapshot{"an edit": edited, "another snapshot": removed} {
		next := NewScans(first, snap)
		if _, ok := next.m[b]; !ok {
			t.Errorf("%s: the answer of the unchanged file was not kept", name)
		}
		if _, ok := next.m[oldA]; ok {
			t.Errorf("%s: the answer of the old content of a.c was kept", name)
		}
		if a := snap.File("a.c"); a != nil && next.Of(a).NeedsFacts {
			t.Errorf("%s: a.c's new content mentions no HPy, yet its answer says it does", name)
		}
	}
}
