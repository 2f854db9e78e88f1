package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// KeepHeaders keeps the answers of Headers whose files are the same, and
// leaves a unit whose way to its headers changed to be worked out again.
func TestKeepHeaders(t *testing.T) {
	files := map[string]string{
		"a.c":  "#include \"h1.h\"\n",
		"b.c":  "#include \"h3.h\"\n",
		"h1.h": "#include \"h2.h\"\n",
		"h2.h": "int two;\n",
		"h3.h": "int three;\n",
	}
	prev := project(t, files)
	names := func(us []*Unit) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Path)
		}
		return out
	}
	if got := names(prev.Headers(prev.Unit("a.c"))); len(got) != 2 {
		t.Fatalf("a.c reaches %v", got)
	}
	prev.Headers(prev.Unit("b.c"))

	// The next project has the same files, but h1.h now includes h3.h.
	next := New(prev.Snapshot.With(&source.File{Path: "h1.h", Content: []byte("#include \"h3.h\"\n")}), prev.Configs, buildcfg.ABIUniversal)
	for _, u := range next.Units {
		if old := prev.Unit(u.Path); u.Path != "h1.h" {
			u.File, u.Facts = old.File, old.Facts
		} else {
			u.Facts = project(t, map[string]string{"h1.h": "#include \"h3.h\"\n"}).Unit("h1.h").Facts
		}
	}
	next.Resolve()
	next.KeepHeaders(prev)
	before := headersKept.Load()
	next.Headers(next.Unit("a.c"))
	if headersKept.Load() != before {
		t.Error("a.c's headers were kept though h1.h, on its way, changed")
	}
	next.Headers(next.Unit("b.c"))
	if headersKept.Load() != before+1 {
		t.Error("b.c's headers were not kept though nothing on its way changed")
	}
	if got := names(next.Headers(next.Unit("a.c"))); len(got) != 2 || got[0] != "h1.h" || got[1] != "h3.h" {
		t.Errorf("a.c now reaches %v, want [h1.h h3.h]", got)
	}
	if got := names(next.Headers(next.Unit("b.c"))); len(got) != 1 || got[0] != "h3.h" || next.Headers(next.Unit("b.c"))[0] != next.Unit("h3.h") {
		t.Errorf("b.c's kept headers are %v, not the next project's units", got)
	}
}

// A key's project takes its answers from the project before when asked,
// and that project lets go of the one before it: a chain of projects,
// one per key, each keeping the one before alive, would hold every
// model of a typing session.
func TestKeepHeadersHoldsOneProjectBefore(t *testing.T) {
	files := map[string]string{"a.c": "#include \"h.h\"\n", "h.h": "int h;\n"}
	first := project(t, files)
	first.Headers(first.Unit("a.c"))
	next := func(prev *Project) *Project {
		p := New(prev.Snapshot.With(&source.File{Path: "h.h", Content: []byte("int h;\n")}), prev.Configs, buildcfg.ABIUniversal)
		for _, u := range p.Units {
			old := prev.Unit(u.Path)
			u.File, u.Facts = old.File, old.Facts
		}
		p.Resolve()
		p.KeepHeaders(prev)
		return p
	}
	second := next(first)
	third := next(second)
	if second.headerMemo.prev != nil {
		t.Error("the project before the last still holds the one before it")
	}
	if third.headerMemo.prev != second {
		t.Error("the last project does not take its answers from the one before")
	}
	// The second project never asked for a.c's headers: the third works
	// them out again, the same.
	if hs := third.Headers(third.Unit("a.c")); len(hs) != 1 || hs[0] != third.Unit("h.h") {
		t.Errorf("a.c reaches %v", hs)
	}
}
