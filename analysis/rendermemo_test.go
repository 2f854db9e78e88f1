package analysis_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A key in one extension's source renders again only the texts that cite
// a line of that file: the other extensions' findings, kept by the rules,
// keep their rendered texts too. The findings read as a fresh run's.
func TestKeyRendersOnlyTextsCitingTheEditedFile(t *testing.T) {
	const exts = 6
	var decls []string
	files := []*source.File{}
	for i := range exts {
		decls = append(decls, fmt.Sprintf("Extension('pkg.m%d', sources=['m%d.c'])", i, i))
		files = append(files, &source.File{Path: fmt.Sprintf("m%d.c", i), Content: []byte(renderSource(i, ""))})
	}
	files = append(files, &source.File{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='pkg', setup_requires=['hpy'], hpy_ext_modules=[" + strings.Join(decls, ", ") + "])\n")})
	snap := source.NewSnapshot("/render", files)
	opts := serverCaches()
	first := analysis.Run(context.Background(), snap, opts)
	if n := strings.Count(describe(first.Diagnostics), "HPY209"); n != exts {
		t.Fatalf("%d HPY209 findings, want one an extension:\n%s", n, describe(first.Diagnostics))
	}

	edited := renderSource(0, "    PyErr_Clear();\n")
	facts, err := cfacts.Extract(cfacts.C, []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	o := opts
	o.Provided, o.Previous = map[string]*cfacts.Facts{"m0.c": facts}, first
	before := analysis.TextsRendered()
	key := analysis.Run(context.Background(), snap.With(&source.File{Path: "m0.c", Content: []byte(edited)}), o)
	if key.Moved {
		t.Fatal("a new CPython call moved the findings; the test wants the rules run")
	}
	// m0's finding cites m0.c; the other five are taken from the memo.
	if n := analysis.TextsRendered() - before; n != 1 {
		t.Errorf("the key rendered %d texts afresh, want the 1 citing m0.c", n)
	}
	fresh := analysis.Run(context.Background(), snap.With(&source.File{Path: "m0.c", Content: []byte(edited)}), analysis.Options{})
	if !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the key's findings differ from a fresh run's:\n%s\nwant:\n%s", describe(key.Diagnostics), describe(fresh.Diagnostics))
	}
}

// renderSource is an HPy source with a CPython call, extra lines added at
// the start of its function's body.
func renderSource(i int, extra string) string {
	return fmt.Sprintf(`#include "hpy.h"

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
%s    Py_INCREF(Py_None);
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &f, NULL };
static HPyModuleDef moduledef = { .defines = defines };
HPy_MODINIT(m%d, moduledef)
`, extra, i)
}
