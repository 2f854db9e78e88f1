package analysis_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// What the rules worked out file by file (rules.Carry) outlives runs that
// only moved the findings: typing is mostly such keys, and the key that
// changes a fact after them should not find everything to work out again.
func TestCarryOutlivesMovedRuns(t *testing.T) {
	const setup = "from setuptools import setup, Extension\nsetup(name='p', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('p', sources=['a.c', 'b.c'])])\n"
	const b = "#include \"hpy.h\"\nstatic void g(void)\n{\n    PyErr_Clear();\n}\n"
	a := "#include \"hpy.h\"\nstatic void f(void)\n{\n    PyErr_Print();\n}\nstatic HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(p, moddef)\n"
	base := source.NewSnapshot("/carry", []*source.File{
		{Path: "setup.py", Content: []byte(setup)},
		{Path: "a.c", Content: []byte(a)},
		{Path: "b.c", Content: []byte(b)},
	})
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	run := func(text string, prev *analysis.Result) *analysis.Result {
		return analysis.RunBuffer(t, base, opts, &source.File{Path: "a.c", Content: []byte(text)}, prev)
	}
	first := run(a, nil)
	enter := strings.Replace(a, "{\n", "{\n\n", 1)
	moved := run(enter, first)
	if !moved.Moved {
		t.Fatalf("an Enter in a body did not move the findings: %s", moved.NotMoved)
	}
	call := strings.Replace(enter, "{\n\n", "{\n    PyList_New(0);\n", 1)
	ran := run(call, moved)
	if ran.Moved {
		t.Fatal("a new CPython call moved the findings")
	}
	if ran.Kept == 0 {
		t.Fatal("the run after a moved one kept nothing of the carry")
	}
	fresh := analysis.Run(context.Background(), source.NewSnapshot("/carry", []*source.File{
		{Path: "setup.py", Content: []byte(setup)},
		{Path: "a.c", Content: []byte(call)},
		{Path: "b.c", Content: []byte(b)},
	}), analysis.Options{})
	sameFindings(t, "after the call", ran.Diagnostics, fresh.Diagnostics)
}
