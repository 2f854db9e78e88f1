package rules_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// A run superseded by a key took the tables of the run before; the run
// after it, made from that same run before, takes them from the
// superseded one, whose entries were worked out on other text: every run
// still equals a fresh one.
func TestCarryTakesTablesFromASupersededRun(t *testing.T) {
	edits, seed := testenv.Count(t, "HPYLINT_CARRY_EDITS", 250), int64(testenv.Count(t, "HPYLINT_CARRY_SEED", 1))
	checkingIndexes(t)
	for _, setup := range carrySetups {
		kept, _ := carryScript(t, setup, edits, randomCarryEdits(seed), randomCarryEdits(seed+1), func(what string, got, want []diag.Diagnostic) bool {
			sameAsFresh(t, what, got, want)
			return true
		})
		if kept == 0 {
			t.Fatal("no run kept anything: the property says nothing of the tables handed on")
		}
	}
}

// A carry whose run has not settled (it runs still, or it panicked)
// keeps its tables: a run made from the same result starts afresh rather
// than share tables being written. Once it settles, the next run takes
// them.
func TestCarryNotSettledIsNotTaken(t *testing.T) {
	texts, snap, opts, first := carryProject()
	edited := snap.With(&source.File{Path: "a.c", Content: []byte(texts["a.c"] + "\n")})

	var taker *rules.Carry
	rules.SetCarryHook(func(c *rules.Carry) {
		if taker == nil {
			taker = c
		}
	})
	defer rules.SetCarryHook(nil)
	if got := analysis.Run(context.Background(), edited, withPrevious(opts, first)); got.Kept == 0 || taker == nil {
		t.Fatal("the first run after kept nothing: the test shows nothing")
	}
	taker.Settle(false) // as if its run were still going
	if got := analysis.Run(context.Background(), edited, withPrevious(opts, first)); got.Kept != 0 {
		t.Errorf("a run took the tables of a carry whose run has not settled: %d entries kept", got.Kept)
	}
	taker.Settle(true)
	if got := analysis.Run(context.Background(), edited, withPrevious(opts, first)); got.Kept == 0 {
		t.Error("a run after the carry settled kept nothing; want its tables taken")
	}
}

// A result kept long after its run (a request's, a test's) holds its
// carry, and through the line the carry that holds the tables now, but
// none of the carries between: each holds its run's model and facts.
func TestCarryLineKeepsOnlyTheLast(t *testing.T) {
	texts, snap, opts, first := carryProject()
	var made []weak.Pointer[rules.Carry]
	rules.SetCarryHook(func(c *rules.Carry) { made = append(made, weak.Make(c)) })
	defer rules.SetCarryHook(nil)
	prev := first
	const runs = 8
	for i := range runs {
		text := texts["a.c"] + string(rune('a'+i)) + "\n"
		prev = analysis.Run(context.Background(), snap.With(&source.File{Path: "a.c", Content: []byte(text)}), withPrevious(opts, prev))
	}
	if len(made) != runs {
		t.Fatalf("%d carries made from a run before, want %d", len(made), runs)
	}
	runtime.GC()
	runtime.GC()
	alive := 0
	for _, w := range made[:runs-1] {
		if w.Value() != nil {
			alive++
		}
	}
	runtime.KeepAlive(first)
	runtime.KeepAlive(prev)
	if alive > 0 {
		t.Errorf("%d of the %d carries between the first result and the last are still alive", alive, runs-1)
	}
}

// carryProject is the carry's project (carryFiles, the first of
// carrySetups), its snapshot, the options the server would run it with,
// and a first run.
func carryProject() (map[string]string, *source.Snapshot, analysis.Options, *analysis.Result) {
	texts := map[string]string{"setup.py": carrySetups[0]}
	for p, s := range carryFiles {
		texts[p] = s
	}
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	return texts, snap, opts, analysis.Run(context.Background(), snap, opts)
}

func withPrevious(o analysis.Options, prev *analysis.Result) analysis.Options {
	o.Previous = prev
	return o
}

// checkingIndexes checks the indexes of every carry made from a previous
// one (rules.Carry.CheckIndexes) until the test ends.
func checkingIndexes(t *testing.T) {
	rules.SetCarryHook(func(c *rules.Carry) {
		if err := c.CheckIndexes(); err != nil {
			t.Fatal(err)
		}
	})
	t.Cleanup(func() { rules.SetCarryHook(nil) })
}

// Each key in a header gives it new facts, and the entries worked out on
// its old ones, for each source that includes it, are dropped: the tables
// handed on from key to key keep their size.
func TestCarryTablesKeepTheirSize(t *testing.T) {
	checkingIndexes(t)
	texts, snap, opts, prev := carryProject()
	var kept []int
	for i := range 20 {
		text := texts["common.h"] + fmt.Sprintf("static inline int typed%d(void) { return PyErr_Occurred() != NULL; }\n", i)
		prev = analysis.Run(context.Background(), snap.With(&source.File{Path: "common.h", Content: []byte(text)}), withPrevious(opts, prev))
		kept = append(kept, prev.Kept)
	}
	if kept[0] == 0 || slices.Max(kept[1:]) != kept[1] || slices.Min(kept[1:]) != kept[1] {
		t.Errorf("entries kept from key to key: %v; want as many after every key", kept)
	}
}

// A header's CPython references are worked out per source that compiles
// it: a macro the source defines before its includes decides the
// header's #ifndef regions. When the source changes, the header's entries
// for it are dropped with the source's own, though the header did not
// change.
func TestCarryDropsHeaderEntriesOfAChangedSource(t *testing.T) {
	checkingIndexes(t)
	const defined = "#define GATE_OFF\n"
	texts := map[string]string{
		"setup.py": gAndH,
		"h.c":      "#include \"hpy.h\"\n#include \"gate.h\"\nstatic HPyModuleDef moduledef = { .doc = \"h\" };\nHPy_MODINIT(h, moduledef)\n",
		"g.c":      defined + "#include \"hpy.h\"\n#include \"gate.h\"\nstatic HPyModuleDef moduledef = { .doc = \"g\" };\nHPy_MODINIT(g, moduledef)\n",
		"gate.h":   "#ifndef GATE_OFF\nstatic inline void gate(void) { PyErr_Clear(); }\n#endif\n",
	}
	g := texts["g.c"]
	toggleGate(t, texts, "g.c", []string{strings.TrimPrefix(g, defined), g, strings.TrimPrefix(g, defined)}, "gate.h", "the source's macro")
}

// A run that can keep nothing leaves the tables where they were: a run
// made later from the same result keeps them. Here other.h stops
// including pyinc.h, which no other file includes, so pyinc.h is no
// longer read and has no facts; a run cancelled while it parsed has files
// without facts too.
func TestCarryTablesStayWhenARunKeepsNothing(t *testing.T) {
	texts, snap, opts, first := carryProject()
	unread := strings.Replace(texts["other.h"], "#include \"pyinc.h\"\n", "", 1)
	if unread == texts["other.h"] {
		t.Fatal("other.h no longer includes pyinc.h: the test shows nothing")
	}
	if got := analysis.Run(context.Background(), snap.With(&source.File{Path: "other.h", Content: []byte(unread)}), withPrevious(opts, first)); got.Kept != 0 {
		t.Fatalf("a run where pyinc.h is not read kept %d entries: the test shows nothing", got.Kept)
	}
	edited := snap.With(&source.File{Path: "a.c", Content: []byte(texts["a.c"] + "\n")})
	if got := analysis.Run(context.Background(), edited, withPrevious(opts, first)); got.Kept == 0 {
		t.Error("a run made from the first result after one that kept nothing kept nothing either; want the first result's tables")
	}
}

// A header that starts or stops including Python.h changes what every
// file the source compiles means under `#if defined(PY_VERSION_HEX)`
// (Carry.pythonFree): the references kept for gated.h, which did not
// change, are asked again.
func TestCarryAsksPythonHeadersAgain(t *testing.T) {
	checkingIndexes(t)
	const python = "#include <Python.h>\n"
	texts := map[string]string{
		"setup.py": gAndH,
		"g.c":      "#include \"hpy.h\"\n#include \"compat.h\"\n#include \"gated.h\"\nstatic HPyModuleDef moduledef = { .doc = \"g\" };\nHPy_MODINIT(g, moduledef)\n",
		"h.c":      "#include \"hpy.h\"\nstatic HPyModuleDef moduledef = { .doc = \"h\" };\nHPy_MODINIT(h, moduledef)\n",
		"compat.h": "#define COMPAT 1\n",
		"gated.h":  "#if defined(PY_VERSION_HEX) && PY_VERSION_HEX >= 0x03080000\nstatic inline void gate(void) { PyErr_Clear(); }\n#endif\n",
	}
	plain := texts["compat.h"]
	toggleGate(t, texts, "compat.h", []string{python + plain, plain, python + plain}, "gated.h", "Python's headers")
}

// gAndH declares two universal extensions, g of g.c and h of h.c.
const gAndH = "from setuptools import setup, Extension\nsetup(name='g', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('g', sources=['g.c']), Extension('h', sources=['h.c'])])\n"

// toggleGate types each text of versions in turn into path, every run
// given the one before, and compares each with a fresh run: the first
// and every other text must make HPY201 report the call in gated, the
// others not, and each run after the first must keep entries.
func toggleGate(t *testing.T, texts map[string]string, path string, versions []string, gated, by string) {
	t.Helper()
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	snap := snapshotOf(texts)
	prev := analysis.Run(context.Background(), snap, opts)
	for i, text := range versions {
		texts[path] = text
		prev = analysis.Run(context.Background(), snap.With(&source.File{Path: path, Content: []byte(text)}), withPrevious(opts, prev))
		fresh := analysis.Run(context.Background(), snapshotOf(texts), analysis.Options{})
		sameAsFresh(t, fmt.Sprintf("edit %d of %s", i, path), prev.Diagnostics, fresh.Diagnostics)
		reported := slices.ContainsFunc(fresh.Diagnostics, func(d diag.Diagnostic) bool { return d.Location.Path == gated && d.Code == "HPY201" })
		if reported != (i%2 == 0) {
			t.Fatalf("edit %d of %s: HPY201 in %s %v; the test's project does not gate the call by %s", i, path, gated, reported, by)
		}
		if i > 0 && prev.Kept == 0 {
			t.Fatalf("edit %d of %s kept nothing: the test shows nothing", i, path)
		}
	}
}
