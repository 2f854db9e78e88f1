package model

import "testing"

// The model of the next key has new units, but the files not typed into
// keep their facts: a call graph built again over them takes each such
// file's index of functions from its facts, and makes only the index of
// the file whose facts changed. The graph is the same as one built from
// scratch.
func TestCallGraphTakesTheIndexOfUnchangedFilesFromTheirFacts(t *testing.T) {
	files := map[string]string{
		"setup.py": "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('m', ['a.c', 'b.c', 'c.c'])])\n",
		"a.c": `#include "hpy.h"
void helper_b(void);
static HPy m_exec_impl(HPyContext *ctx, HPy mod) { helper_b(); return HPy_NULL; }
HPyDef_SLOT(m_exec, HPy_mod_exec)
static HPyDef *defines[] = { &m_exec, NULL };
static HPyModuleDef moduledef = { .defines = defines };
HPy_MODINIT(m, moduledef)
`,
		"b.c": "#include \"hpy.h\"\nvoid helper_c(void);\nvoid helper_b(void) { helper_c(); }\n",
		"c.c": "#include \"hpy.h\"\nvoid helper_c(void) { PyImport_ImportModule(\"json\"); }\n",
	}
	before := project(t, files)
	g := onlyGraph(t, before)
	reached := func(g *CallGraph) []string {
		var out []string
		for _, f := range rootNamed(t, g, "m_exec_impl").Reach().Funcs {
			for _, s := range f.Sites() {
				out = append(out, s.Loc.Path+":"+s.Module)
			}
		}
		return out
	}
	if got := reached(g); len(got) != 1 || got[0] != "c.c:json" {
		t.Fatalf("the exec slot reaches %v, want the import of json in c.c", got)
	}

	// The next key: c.c gains a line; a.c and b.c keep their facts.
	edited := map[string]string{}
	for k, v := range files {
		edited[k] = v
	}
	edited["c.c"] = "#include \"hpy.h\"\n\nvoid helper_c(void) { PyImport_ImportModule(\"json\"); }\n"
	after := project(t, edited)
	for _, u := range after.Units {
		if u.Path != "c.c" {
			u.Facts = before.Unit(u.Path).Facts
		}
	}
	made := fileNamesMade.Load()
	g2 := after.CallGraphs()[0]
	if got := reached(g2); len(got) != 1 || got[0] != "c.c:json" {
		t.Fatalf("after the key the exec slot reaches %v, want the import of json in c.c", got)
	}
	if n := fileNamesMade.Load() - made; n != 1 {
		t.Errorf("the graph after the key made %d indexes of functions, want 1 (c.c's)", n)
	}
}
