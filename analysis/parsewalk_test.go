package analysis_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A run after another, in the editor's way (the edited buffers' facts
// provided), takes the parse phase's outcome of the run before only while
// it is the outcome its own files give: after each edit below, the files
// it parsed, with their grammars, and its findings are a fresh run's. The
// edits reach a header no file included, leave one, put an include in an
// #ifdef HPY branch, make a header HPy code, give HPy code to a header no
// source includes, make a header no file reaches mention HPy, and make a
// source binary.
func TestRerunTakesTheWalkOnlyWhileItHolds(t *testing.T) {
	setup := "from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('m', ['m.c'])], hpy_abi='universal')\n"
	base := map[string]string{
		"setup.py": setup,
		"m.c":      "#include \"hpy.h\"\n#include \"a.h\"\n\nstatic HPy f_impl(HPyContext *ctx, HPy self)\n{\n    return HPy_Dup(ctx, self);\n}\nHPy_MODINIT(m, moduledef)\n",
		"a.h":      "int a(void);\n",
		"b.h":      "int b(void);\nvoid PyErr_Clear(void);\n",
		"c.h":      "#include \"b.h\"\nint c(void);\n",
		// No source includes it, and it mentions HPy: it is parsed on its
		// own, and its includes followed once it holds HPy code.
		"z.h": "/* HPy helpers */\n#include \"y.h\"\nint z(void);\n",
		"y.h": "int y(void);\n",
	}
	edits := []struct{ path, old, new string }{
		{"m.c", "return HPy_Dup", "PyErr_Clear();\n    return HPy_Dup"},
		{"y.h", "int y(void);\n", "int y(void); /* HPy */\n"},
		{"y.h", "int y(void); /* HPy */\n", "int y(void);\n"},
		{"m.c", "#include \"a.h\"\n", "#include \"a.h\"\n#include \"b.h\"\n"},
		{"m.c", "#include \"b.h\"\n", ""},
		{"m.c", "#include \"a.h\"\n", "#ifdef HPY\n#include \"a.h\"\n#else\n#include \"c.h\"\n#endif\n"},
		{"m.c", "#ifdef HPY", "#ifndef HPY"},
		{"m.c", "#ifndef HPY", "#if 1"},
		{"m.c", "#if 1", "#if 0"},
		{"a.h", "int a(void);\n", "#include \"c.h\"\nint a(void);\n"},
		{"a.h", "int a(void);\n", "int a(void);\nHPyDef_METH(g, \"g\", HPyFunc_NOARGS)\n"},
		{"a.h", "int a(void);\n", "int a(void) ;\n"},
		{"z.h", "int z(void);\n", "int z(void);\nHPyDef_METH(h, \"h\", HPyFunc_NOARGS)\n"},
		{"m.c", "static HPy", "\x00static HPy"},
		{"m.c", "\x00", ""},
	}
	texts := map[string]string{}
	for p, c := range base {
		texts[p] = c
	}
	snapshotOf := func() *source.Snapshot {
		var files []*source.File
		for p, c := range texts {
			files = append(files, &source.File{Path: p, Content: []byte(c)})
		}
		return source.NewSnapshot("/walk", files)
	}
	// As in the language server: facts and configs kept from run to run.
	cache, configs := analysis.NewFactsCache(), analysis.NewConfigCache()
	snap := snapshotOf()
	prev := analysis.Run(context.Background(), snap, analysis.Options{Cache: cache, Configs: configs})
	provided := map[string]*cfacts.Facts{}
	adopted := analysis.WalksAdopted()
	for i, e := range edits {
		if !strings.Contains(texts[e.path], e.old) {
			t.Fatalf("edit %d: %q is not in %s", i, e.old, e.path)
		}
		texts[e.path] = strings.Replace(texts[e.path], e.old, e.new, 1)
		f, err := cfacts.Extract(cfacts.C, []byte(texts[e.path]))
		if err != nil {
			t.Fatal(err)
		}
		provided[e.path] = f
		snap = snap.With(&source.File{Path: e.path, Content: []byte(texts[e.path])})
		got := analysis.Run(context.Background(), snap, analysis.Options{Cache: cache, Configs: configs, Previous: prev, Provided: provided})
		fresh := analysis.Run(context.Background(), snapshotOf(), analysis.Options{})
		what := fmt.Sprintf("edit %d (%s: %q → %q)", i, e.path, e.old, e.new)
		if g, w := parsedFiles(got), parsedFiles(fresh); g != w {
			t.Errorf("%s: parsed %s, a fresh run %s", what, g, w)
		}
		sameFindings(t, what, got.Diagnostics, fresh.Diagnostics)
		prev = got
	}
	if analysis.WalksAdopted() == adopted {
		t.Error("no run took the walk of the run before: the test says nothing of it")
	}
}

// parsedFiles lists a run's units with facts, and their grammars.
func parsedFiles(res *analysis.Result) string {
	var b strings.Builder
	for _, u := range res.Model().Units {
		if u.Facts != nil {
			fmt.Fprintf(&b, "%s(%v) ", u.Path, u.Facts.Lang)
		}
	}
	return b.String()
}

// A file that no run parsed is parsed once it is needed, though its text
// is the same: here the run before excluded it, and the next snapshot,
// read afresh, does not. Its facts were not the run before's to keep.
func TestRerunParsesAFileNoLongerExcluded(t *testing.T) {
	files := map[string]string{
		"setup.py": "from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('m', ['m.c'])])\n",
		"m.c":      "#include \"hpy.h\"\nHPy_MODINIT(m, moduledef)\n",
		"x.c":      "#include \"hpy.h\"\nstatic void f(void) { PyErr_Clear(); }\nHPy_MODINIT(x, moduledef)\n",
	}
	snapshotOf := func(exclude func(string) bool) *source.Snapshot {
		var fs []*source.File
		for p, c := range files {
			fs = append(fs, &source.File{Path: p, Content: []byte(c)})
		}
		s := source.NewSnapshot("/excl", fs)
		s.Exclude = exclude
		return s
	}
	cache, configs := analysis.NewFactsCache(), analysis.NewConfigCache()
	first := analysis.Run(context.Background(), snapshotOf(func(p string) bool { return p == "x.c" }), analysis.Options{Cache: cache, Configs: configs})
	if u := first.Model().Unit("x.c"); u != nil && u.Facts != nil {
		t.Fatal("x.c was parsed while excluded")
	}
	m, err := cfacts.Extract(cfacts.C, []byte(files["m.c"]))
	if err != nil {
		t.Fatal(err)
	}
	got := analysis.Run(context.Background(), snapshotOf(nil), analysis.Options{Cache: cache, Configs: configs, Previous: first, Provided: map[string]*cfacts.Facts{"m.c": m}})
	fresh := analysis.Run(context.Background(), snapshotOf(nil), analysis.Options{})
	if g, w := parsedFiles(got), parsedFiles(fresh); g != w {
		t.Errorf("parsed %s, a fresh run %s", g, w)
	}
	sameFindings(t, "x.c no longer excluded", got.Diagnostics, fresh.Diagnostics)
}
