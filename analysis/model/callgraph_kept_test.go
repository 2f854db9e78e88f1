package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// keptGraphFiles is an extension of two sources whose init reaches a
// helper of the other source and, through it, a function of a file no
// build config lists (resolveElsewhere), which imports.
var keptGraphFiles = map[string]string{
	"setup.py": "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('pkg.mod', ['a.c', 'b.c'])])\n",
	"a.c": `#include "hpy.h"
int helper(HPyContext *ctx);
static int exec_mod(HPyContext *ctx, HPy m) { return helper(ctx); }
HPyDef_SLOT(mod_exec, exec_mod, HPy_mod_exec)
static HPyDef *defines[] = { &mod_exec, NULL };
static HPyModuleDef moduledef = { .defines = defines };
HPy_MODINIT(mod, moduledef)
`,
	"b.c": `#include "hpy.h"
int outside(HPyContext *ctx);
int helper(HPyContext *ctx) { return outside(ctx); }
`,
	"other.c": `#include "hpy.h"
int outside(HPyContext *ctx) { HPy m = HPyImport_ImportModule(ctx, "json"); return HPy_IsNull(m); }
`,
}

// describeGraph shows what the rules read of p's graph: every root, the
// functions it reaches with their calls and sites, and the graph's files.
func describeGraph(t *testing.T, p *Project) string {
	t.Helper()
	g := onlyGraph(t, p)
	var b strings.Builder
	for _, r := range g.Roots {
		fmt.Fprintf(&b, "root %s@%s\n", r.Func.Name(), r.Func.Unit.Path)
		for _, f := range r.Reach().Funcs {
			fmt.Fprintf(&b, "  %s@%s:", f.Name(), f.Unit.Path)
			for _, c := range f.Calls() {
				fmt.Fprintf(&b, " %s->%s@%s", c.Call.Name, c.To.Name(), c.To.Unit.Path)
			}
			for _, s := range f.Sites() {
				fmt.Fprintf(&b, " [%s %s:%d]", s.What, s.Loc.Path, s.Loc.Span.Start)
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "files %v\n", g.Files())
	return b.String()
}

// A project takes the tables of functions by name from the one before
// while the files changed since define the same functions at the same
// places, and makes them again otherwise; either way its graph is the one
// a project made from nothing gives.
func TestGraphTablesKeptWhileTheFunctionsAreTheSame(t *testing.T) {
	for _, c := range []struct {
		name, path, content   string
		elsewhere, graphTable bool // whether each is taken from the project before
	}{
		{"a call typed into a body", "a.c", strings.Replace(keptGraphFiles["a.c"], "return helper(ctx);", "helper(ctx); return helper(ctx);", 1), true, true},
		{"a static function put before a source's", "b.c", strings.Replace(keptGraphFiles["b.c"], "int helper", "static int tiny(void) { return 0; }\nint helper", 1), false, false},
		{"a source's function made static", "b.c", strings.Replace(keptGraphFiles["b.c"], "int helper(HPyContext *ctx) {", "static int helper(HPyContext *ctx) {", 1), false, false},
		{"a function added to a source", "a.c", keptGraphFiles["a.c"] + "int more(void) { return 1; }\n", false, false},
		{"the file outside renames its function", "other.c", strings.Replace(keptGraphFiles["other.c"], "int outside(", "int elsewhere(", 1), false, true},
		{"the file outside gets a second one", "other.c", keptGraphFiles["other.c"] + "int outside2(void) { return 0; }\n", false, true},
		{"a comment in the file outside", "other.c", "/* moved */\n" + keptGraphFiles["other.c"], true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			prev := project(t, keptGraphFiles)
			describeGraph(t, prev) // the tables are made

			edited := map[string]string{}
			for p, s := range keptGraphFiles {
				edited[p] = s
			}
			edited[c.path] = c.content
			want := describeGraph(t, project(t, edited))

			next := New(prev.Snapshot.With(&source.File{Path: c.path, Content: []byte(c.content)}), prev.Configs, buildcfg.ABIUniversal)
			fresh := project(t, map[string]string{c.path: c.content})
			for _, u := range next.Units {
				if u.Path == c.path {
					u.Facts = fresh.Unit(c.path).Facts
				} else {
					u.Facts = prev.Unit(u.Path).Facts
				}
			}
			next.Resolve()
			next.KeepGraphTables(prev)
			elsewhere, graphTable := elsewhereKept.Load(), externsKept.Load()
			if got := describeGraph(t, next); got != want {
				t.Errorf("the graph is\n%s\nwant, as from nothing,\n%s", got, want)
			}
			if kept := elsewhereKept.Load() != elsewhere; kept != c.elsewhere {
				t.Errorf("the project's table kept: %v, want %v", kept, c.elsewhere)
			}
			if kept := externsKept.Load() != graphTable; kept != c.graphTable {
				t.Errorf("the graph's table kept: %v, want %v", kept, c.graphTable)
			}
		})
	}
}
