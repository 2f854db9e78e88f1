package analysis

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Rules start longest first by the costs of the run before; rules it did
// not time follow in their own order.
func TestRulesStartLongestFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one worker: starts are in order
	var mu sync.Mutex
	var started []string
	var rs []*rules.Rule
	for _, code := range []string{"A", "B", "C", "D", "E"} {
		rs = append(rs, &rules.Rule{Code: code, Run: func(p *rules.Pass) {
			mu.Lock()
			started = append(started, code)
			mu.Unlock()
		}})
	}
	before := ruleCosts{"B": {took: time.Millisecond}, "D": {took: 3 * time.Millisecond}, "E": {took: 2 * time.Millisecond}}
	_, _, costs := runRules(rs, before, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }, nil)
	if want := []string{"D", "E", "B", "A", "C"}; !slices.Equal(started, want) {
		t.Errorf("started %v, want %v", started, want)
	}
	for _, r := range rs {
		if _, ok := costs[r.Code]; !ok {
			t.Errorf("no cost recorded for %s", r.Code)
		}
	}
	started = nil
	runRules(rs, nil, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }, nil)
	if want := []string{"A", "B", "C", "D", "E"}; !slices.Equal(started, want) {
		t.Errorf("with no run before, started %v, want the rules' order", started)
	}
}

// What the rules took reaches the next run of the rules through runs
// that only moved the findings, as the carry does.
func TestRuleCostsOutliveMovedRuns(t *testing.T) {
	const setup = "from setuptools import setup, Extension\nsetup(name='p', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('p', sources=['a.c'])])\n"
	a := "#include \"hpy.h\"\nstatic void f(void)\n{\n    PyErr_Print();\n}\nstatic HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(p, moddef)\n"
	base := source.NewSnapshot("/costs", []*source.File{{Path: "setup.py", Content: []byte(setup)}, {Path: "a.c", Content: []byte(a)}})
	opts := Options{Cache: NewFactsCache(), Configs: NewConfigCache()}
	run := func(text string, prev *Result) *Result {
		return RunBuffer(t, base, opts, &source.File{Path: "a.c", Content: []byte(text)}, prev)
	}
	first := run(a, nil)
	if first.state == nil || first.state.costs["HPY201"].took == 0 {
		t.Fatalf("a run of the rules recorded no cost for HPY201: %v", first.state)
	}
	moved := run(strings.Replace(a, "{\n", "{\n\n", 1), first)
	if !moved.Moved {
		t.Fatalf("an Enter in a body did not move the findings: %s", moved.NotMoved)
	}
	if moved.state.costs["HPY201"] != first.state.costs["HPY201"] {
		t.Errorf("a moved run lost the costs of the run before")
	}
	next := base.With(&source.File{Path: "a.c", Content: []byte(strings.Replace(a, "PyErr_Print", "PyErr_Clear", 1))})
	if got := inheritFrom(moved, next, &opts).costs; got["HPY201"] != first.state.costs["HPY201"] {
		t.Errorf("the run after a moved one inherits costs %v", got)
	}
}
