package analysis_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// With the open files named (Options.Open, as the language server does),
// the findings that detail a summary are made only in open files and in
// files with a comment to hpylint; every other finding, and every detail
// in those files, is what a run without it gives. A suppression in a
// closed file still finds what it suppresses, so it is not reported as
// unused.
func TestOpenFilesScopeDetails(t *testing.T) {
	setup := "from setuptools import setup, Extension\nsetup(name='p', setup_requires=['hpy'], hpy_ext_modules=[Extension('p', sources=['a.c', 'b.c', 'c.c'])])\n"
	src := func(mod, extra string) string {
		return "#include \"hpy.h\"\n#include <Python.h>\nstatic void f(void)\n{\n    PyErr_Clear();\n" + extra + "}\n" +
			"static HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(" + mod + ", moddef)\n"
	}
	snap := source.NewSnapshot("/open", []*source.File{
		{Path: "setup.py", Content: []byte(setup)},
		{Path: "a.c", Content: []byte(src("p", ""))},
		{Path: "b.c", Content: []byte(src("p", "    Py_INCREF(Py_None); // hpylint: ignore[HPY201]\n"))},
		{Path: "c.c", Content: []byte(src("p", "    PyList_New(0);\n"))},
	})
	all := analysis.Run(context.Background(), snap, analysis.Options{})
	open := &analysis.OpenFiles{Paths: map[string]bool{"a.c": true}, Reals: map[string]bool{}}
	scoped := analysis.Run(context.Background(), snap, analysis.Options{Open: open})

	detailsIn := map[string]int{}
	for _, d := range all.Diagnostics {
		if d.DetailOf != "" {
			detailsIn[d.Location.Path]++
		}
	}
	if detailsIn["a.c"] == 0 || detailsIn["b.c"] == 0 || detailsIn["c.c"] == 0 {
		t.Fatalf("the project should have details in every source: %v", detailsIn)
	}
	// a.c is open; b.c says something to hpylint; c.c has neither.
	var want []diag.Diagnostic
	for _, d := range all.Diagnostics {
		if d.DetailOf == "" || d.Location.Path != "c.c" {
			want = append(want, d)
		}
	}
	if !reflect.DeepEqual(scoped.Diagnostics, want) {
		t.Fatalf("with a.c open:\n got %s\nwant %s", describe(scoped.Diagnostics), describe(want))
	}
	for _, d := range scoped.Diagnostics {
		if d.Code == rules.UnusedSuppression.Code {
			t.Errorf("the suppression in the closed b.c is reported unused: %s", d.Message)
		}
	}
}

// A file open under another name (its real path is an open file's, as
// through a symbolic link) gets its details too; a file whose real path
// is not open does not.
func TestOpenFilesDetailsFollowRealPaths(t *testing.T) {
	setup := "from setuptools import setup, Extension\nsetup(name='p', setup_requires=['hpy'], hpy_ext_modules=[Extension('p', sources=['a.c', 'b.c'])])\n"
	src := func(extra string) string {
		return "#include \"hpy.h\"\n#include <Python.h>\nstatic void f(void)\n{\n    PyErr_Clear();\n" + extra + "}\n"
	}
	snap := source.NewSnapshot("/open", []*source.File{
		{Path: "setup.py", Content: []byte(setup)},
		{Path: "a.c", Content: []byte(src("") + "static HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(p, moddef)\n"), Real: "/elsewhere/a.c"},
		{Path: "b.c", Content: []byte(src("")), Real: "/elsewhere/b.c"},
	})
	open := &analysis.OpenFiles{Paths: map[string]bool{"other/name/of/b.c": true}, Reals: map[string]bool{"/elsewhere/b.c": true}}
	res := analysis.Run(context.Background(), snap, analysis.Options{Open: open})
	details := map[string]int{}
	for _, d := range res.Diagnostics {
		if d.DetailOf != "" {
			details[d.Location.Path]++
		}
	}
	if details["b.c"] == 0 || details["a.c"] != 0 {
		t.Fatalf("details by file with b.c's real path open: %v (want some in b.c, none in a.c)\n%s", details, describe(res.Diagnostics))
	}
}
