package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A file is one unit under all its names (a symbolic link and its target),
// whether both are listed or the second is loaded after the model is made.
// While no file has two names, the units are not indexed by real path.
func TestOneUnitForAFileUnderTwoNames(t *testing.T) {
	a := &source.File{Path: "src/a.c", Real: "/r/src/a.c"}
	h := &source.File{Path: "src/h.h", Real: "/r/src/h.h"}
	link := &source.File{Path: "out/h.h", Real: "/r/src/h.h"}

	snap := source.NewSnapshot("/r", []*source.File{a, h})
	snap.Loader = func(p string) *source.File {
		if p == link.Path {
			return link
		}
		return nil
	}
	p := New(snap, nil, buildcfg.ABIUniversal)
	if p.byReal != nil {
		t.Error("a project whose files have one name each indexes them by real path")
	}
	if u := p.addUnit("out/h.h"); u == nil || u != p.Unit("src/h.h") {
		t.Errorf("the loaded link is unit %v, want src/h.h's %v", u, p.Unit("src/h.h"))
	}
	if len(p.Units) != 2 {
		t.Errorf("%d units, want 2", len(p.Units))
	}

	both := source.NewSnapshot("/r", []*source.File{a, h, {Path: "alias/a.c", Real: "/r/src/a.c"}})
	p = New(both, nil, buildcfg.ABIUniversal)
	if len(p.Units) != 2 || p.Unit("alias/a.c") != p.Unit("src/a.c") {
		t.Errorf("two listed names of a.c: %d units, alias/a.c %v, src/a.c %v", len(p.Units), p.Unit("alias/a.c"), p.Unit("src/a.c"))
	}
}
