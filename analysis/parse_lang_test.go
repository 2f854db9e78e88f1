package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// writeProject writes files into dir and loads them as the CLI does.
func writeProject(t *testing.T, dir string, files map[string]string) *source.Snapshot {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return snap
}

// A header's grammar follows the sources that include it; a header no
// source includes is judged by its content.
func TestHeaderLanguage(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"setup.py": "from setuptools import setup, Extension\n" +
			"setup(name='m', hpy_ext_modules=[Extension('m', ['m.c']), Extension('n', ['n.cpp'])])\n",
		// A C source includes it: C, though its content looks like C++ (in
		// a branch the C build never compiles).
		"m.c":     "#include \"hpy.h\"\n#include \"for_c.h\"\nHPy_MODINIT(m, moduledef)\n",
		"for_c.h": "#if TRACING\n#include <cstdio>\n#endif\nint count(void);\n",
		// A C++ source includes it: C++, though nothing in it says so.
		"n.cpp":     "#include \"hpy.h\"\n#include \"for_cpp.h\"\nHPy_MODINIT(n, moduledef)\n",
		"for_cpp.h": "struct Box { int size() const { return 1; } };\n",
		// Included from both: C++.
		"shared.h": "int shared(void);\n",
		// Nobody includes it: its content decides.
		"alone.h": "#include \"hpy.h\"\ntemplate <typename T> HPy twice(HPyContext *ctx, T x);\n",
	}
	files["m.c"] = "#include \"shared.h\"\n" + files["m.c"]
	files["n.cpp"] = "#include \"shared.h\"\n" + files["n.cpp"]
	snap := writeProject(t, dir, files)
	res := analysis.Run(context.Background(), snap, analysis.Options{Workers: 2})
	want := map[string]cfacts.Lang{"for_c.h": cfacts.C, "for_cpp.h": cfacts.CPP, "shared.h": cfacts.CPP, "alone.h": cfacts.CPP, "m.c": cfacts.C, "n.cpp": cfacts.CPP}
	for _, u := range res.Project.Units {
		w, ok := want[u.Path]
		if !ok {
			continue
		}
		delete(want, u.Path)
		switch {
		case u.Facts == nil:
			t.Errorf("%s: not parsed", u.Path)
		case u.Facts.Lang != w:
			t.Errorf("%s: parsed as %v, want %v", u.Path, u.Facts.Lang, w)
		}
	}
	for p := range want {
		t.Errorf("%s: no unit", p)
	}
}

// A run after another takes the facts of each file it shares with the
// run before, unparsed, only while the file is read with the same grammar:
// a C++ source that comes to include a C header makes it C++.
func TestRerunKeepsFactsOnlyForTheSameGrammar(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"setup.py": "from setuptools import setup, Extension\n" +
			"setup(name='m', hpy_ext_modules=[Extension('m', ['m.c']), Extension('n', ['n.cpp'])])\n",
		"m.c":      "#include \"hpy.h\"\n#include \"shared.h\"\nHPy_MODINIT(m, moduledef)\n",
		"n.cpp":    "#include \"hpy.h\"\nHPy_MODINIT(n, moduledef)\n",
		"shared.h": "int shared(void);\n",
	}
	snap := writeProject(t, dir, files)
	opts := analysis.Options{Workers: 2, Cache: analysis.NewFactsCache()}
	first := analysis.Run(context.Background(), snap, opts)
	factsOf := func(res *analysis.Result, path string) *cfacts.Facts {
		t.Helper()
		u := res.Project.Unit(path)
		if u == nil || u.Facts == nil {
			t.Fatalf("%s: not parsed", path)
		}
		return u.Facts
	}
	if f := factsOf(first, "shared.h"); f.Lang != cfacts.C {
		t.Fatalf("shared.h: parsed as %v at first, want C", f.Lang)
	}

	// Only n.cpp changes: m.c and shared.h are the same files as before.
	n := snap.File("n.cpp")
	edited := snap.With(&source.File{Path: n.Path, Content: []byte("#include \"hpy.h\"\n#include \"shared.h\"\nHPy_MODINIT(n, moduledef)\n"), Real: n.Real})
	opts.Previous = first
	next := analysis.Run(context.Background(), edited, opts)
	if f := factsOf(next, "shared.h"); f.Lang != cfacts.CPP {
		t.Errorf("shared.h: kept as %v after a C++ source came to include it, want C++", f.Lang)
	}
}
