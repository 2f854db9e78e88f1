package model

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setuppy"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// project builds a model from in-memory files, facts and all, as the
// engine does.
func project(t *testing.T, files map[string]string) *Project {
	t.Helper()
	var fs []*source.File
	for p, c := range files {
		fs = append(fs, &source.File{Path: p, Content: []byte(c)})
	}
	var configs []*buildcfg.File
	if c, ok := files["setup.py"]; ok {
		cfg := setuppy.Read("setup.py", []byte(c))
		cfg.Path = "setup.py"
		configs = append(configs, cfg)
	}
	p := New(source.NewSnapshot("/nonexistent", fs), configs, buildcfg.ABIUniversal)
	for _, u := range p.Units {
		lang, _ := cfacts.LangOf(u.Path)
		f, err := cfacts.Extract(lang, u.File.Content)
		if err != nil {
			t.Fatal(err)
		}
		u.Facts = f
	}
	p.Resolve()
	return p
}

func onlyGraph(t *testing.T, p *Project) *CallGraph {
	t.Helper()
	gs := p.CallGraphs()
	if len(gs) != 1 {
		t.Fatalf("%d call graphs, want 1", len(gs))
	}
	return gs[0]
}

func rootNamed(t *testing.T, g *CallGraph, name string) *Root {
	t.Helper()
	for _, r := range g.Roots {
		if r.Func.Name() == name {
			return r
		}
	}
	t.Fatalf("no root %s among %v", name, rootNames(g))
	return nil
}

func rootNames(g *CallGraph) []string {
	var out []string
	for _, r := range g.Roots {
		out = append(out, r.Func.Name())
	}
	return out
}

// pathOf shows a path as "fn@file" steps.
func pathOf(steps []Step) string {
	var parts []string
	for _, s := range steps {
		parts = append(parts, s.Func.Name()+"@"+s.Func.Unit.Path)
	}
	return strings.Join(parts, " > ")
}

func TestStaticFunctionsResolveWithinTheirFile(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("pkg.mod", ["a.c", "b.c", "c.c"])])`,
		"a.c": `#include "hpy.h"
int b_entry(HPyContext *ctx);
static int helper(HPyContext *ctx) { return 0; }
HPyDef_SLOT(mod_exec, HPy_mod_exec)
static int mod_exec_impl(HPyContext *ctx, HPy m) { return helper(ctx) + b_entry(ctx); }
`,
		"b.c": `#include "hpy.h"
static int helper(HPyContext *ctx) { HPyImport_ImportModule(ctx, "b_import"); return 0; }
int b_entry(HPyContext *ctx) { return helper(ctx); }
`,
		"c.c": `#include "hpy.h"
static int helper(HPyContext *ctx) { HPyImport_ImportModule(ctx, "c_import"); return 0; }
`,
	})
	g := onlyGraph(t, p)
	reach := rootNamed(t, g, "mod_exec_impl").Reach()
	var got []string
	for _, f := range reach.Funcs {
		got = append(got, f.Name()+"@"+f.Unit.Path)
	}
	want := []string{"mod_exec_impl@a.c", "helper@a.c", "b_entry@b.c", "helper@b.c"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reached %v, want %v", got, want)
	}
	last := reach.Funcs[len(reach.Funcs)-1]
	if got := pathOf(reach.Path(last)); got != "mod_exec_impl@a.c > b_entry@b.c > helper@b.c" {
		t.Errorf("path = %s", got)
	}
	if s := last.Sites(); len(s) != 1 || s[0].Module != "b_import" || s[0].Loc.Path != "b.c" {
		t.Errorf("sites of b.c's helper = %+v", s)
	}
}

func TestRecursionEndsAndShortestPathWins(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("rec", ["rec.c"])])`,
		"rec.c": `#include "hpy.h"
static int a(int n);
static int b(int n) { return a(n - 1) + b(n - 1); }
static int a(int n) { return n ? b(n) : c(); }
static int c(void) { return d(); }
static int d(void) { return a(3); }
HPyDef_SLOT(rec_exec, HPy_mod_exec)
static int rec_exec_impl(HPyContext *ctx, HPy m) { return a(1) + d(); }
`,
	})
	reach := rootNamed(t, onlyGraph(t, p), "rec_exec_impl").Reach()
	if len(reach.Funcs) != 5 {
		t.Fatalf("reached %d functions, want 5", len(reach.Funcs))
	}
	for _, f := range reach.Funcs {
		if f.Name() == "c" {
			if got := pathOf(reach.Path(f)); got != "rec_exec_impl@rec.c > a@rec.c > c@rec.c" {
				t.Errorf("path to c = %s", got)
			}
		}
	}
}

func TestInitRoots(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("roots", ["roots.c", "old.c", "entry.c"])])`,
		"roots.c": `#include "hpy.h"
HPyDef_SLOT(ex, HPy_mod_exec)
static int ex_impl(HPyContext *ctx, HPy m) { return 0; }
HPyDef_SLOT_IMPL(cr, make_module, HPy_mod_create)
static HPy make_module(HPyContext *ctx, HPy spec, HPyModuleDef *def) { return HPy_NULL; }
HPyDef_SLOT(old_exec, run_old_exec, HPy_mod_exec)
static int run_old_exec(HPyContext *ctx, HPy m) { return 0; }
HPyDef_SLOT(not_a_root, HPy_tp_repr)
static HPy not_a_root_impl(HPyContext *ctx, HPy self) { return HPy_NULL; }
`,
		"old.c": `#include "hpy.h"
static HPyModuleDef moduledef = { .doc = "old" };
HPy_MODINIT(roots)
static HPy init_roots_impl(HPyContext *ctx) { return HPyModule_Create(ctx, &moduledef); }
`,
		"entry.c": `#include <Python.h>
static PyObject *shim_create(PyObject *spec, PyModuleDef *def) { return NULL; }
static int shim_exec(PyObject *m) { return 0; }
static PyModuleDef_Slot slots[] = {{Py_mod_create, (void *)shim_create}, {.slot = Py_mod_exec, .value = shim_exec}, {0, NULL}};
static PyObject *build(void) { return PyModule_Create(&def); }
PyMODINIT_FUNC PyInit_roots(void) { return PyModuleDef_Init(&sdef); }
PyMODINIT_FUNC PyInit_legacy(void) { return build(); }
`,
	})
	g := onlyGraph(t, p)
	kinds := map[string]RootKind{}
	for _, r := range g.Roots {
		kinds[r.Func.Name()] = r.Kind
	}
	want := map[string]RootKind{
		"ex_impl": ExecSlot, "make_module": CreateSlot, "run_old_exec": ExecSlot,
		"init_roots_impl": SinglePhaseInit, "shim_create": CreateSlot, "shim_exec": ExecSlot,
		"PyInit_roots": PyInitEntry, "PyInit_legacy": SinglePhaseInit,
	}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("roots = %v\nwant    %v", kinds, want)
	}
	if r := rootNamed(t, g, "ex_impl"); r.Via != "HPyDef_SLOT(ex, HPy_mod_exec)" || r.ViaLoc.Path != "roots.c" {
		t.Errorf("ex_impl via %q at %v", r.Via, r.ViaLoc)
	}
}

// sitesOf lists "kind:what=module" for every site of a function.
func sitesOf(t *testing.T, g *CallGraph, fn string) []string {
	t.Helper()
	for _, f := range g.Funcs() {
		if f.Name() != fn {
			continue
		}
		var out []string
		for _, s := range f.Sites() {
			kind := map[SiteKind]string{ImportSite: "import", ThreadStartSite: "start", WaitSite: "wait", ModuleCreateSite: "create"}[s.Kind]
			out = append(out, kind+":"+s.What+"="+s.Module)
		}
		return out
	}
	t.Fatalf("no function %s", fn)
	return nil
}

func TestImportSites(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("imp", ["imp.c"])])`,
		"imp.c": `#include "hpy.h"
static int imports(HPyContext *ctx, PyObject *g)
{
    HPyImport_ImportModule(ctx, "pkg" ".mod");
    PyImport_ImportModule("\x64\145cimal");
    PyImport_ImportModuleLevel("sibling", g, g, NULL, 2);
    PyCapsule_Import("pkg.mod._C_API", 0);
    import_array();
    PyDateTime_IMPORT;
    PyImport_GetModule(name);
    PyObject *zname = PyUnicode_FromString("zoneinfo");
    PyImport_Import(zname);
    PyImport_Import(unknown_name);
    HPy imp = HPy_GetAttr_s(ctx, ctx->h_Builtins, "__import__");
    HPy args = HPyTuple_Pack(ctx, 1, HPyUnicode_FromString(ctx, "fractions"));
    HPy_CallTupleDict(ctx, imp, args, HPy_NULL);
    HPy il = HPyImport_ImportModule(ctx, "importlib");
    HPy import_module = HPy_GetAttr_s(ctx, il, "import_module");
    HPy cname = HPyUnicode_FromString(ctx, "copy");
    HPy_Call(ctx, import_module, &cname, 1, HPy_NULL);
    PyObject_CallMethod(pyil, "import_module", "s", "json");
    HPy getattr = HPy_GetAttr_s(ctx, ctx->h_Builtins, "getattr");
    HPy_Call(ctx, getattr, &cname, 1, HPy_NULL);
    return 0;
}
`,
	})
	got := sitesOf(t, onlyGraph(t, p), "imports")
	want := []string{
		`import:HPyImport_ImportModule("pkg.mod")=pkg.mod`,
		`import:PyImport_ImportModule("decimal")=decimal`,
		`import:PyImport_ImportModuleLevel("..sibling")=..sibling`,
		`import:PyCapsule_Import("pkg.mod._C_API")=pkg.mod`,
		`import:import_array()=numpy`,
		`import:PyDateTime_IMPORT=datetime`,
		`import:PyImport_Import("zoneinfo")=zoneinfo`,
		`import:PyImport_Import(unknown_name)=`,
		`import:__import__("fractions") through HPy_CallTupleDict=fractions`,
		`import:HPyImport_ImportModule("importlib")=importlib`,
		`import:importlib.import_module("copy") through HPy_Call=copy`,
		`import:importlib.import_module("json") through PyObject_CallMethod=json`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sites:\n got  %q\n want %q", got, want)
	}
}

func TestThreadSitesAndGIL(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("thr", ["thr.c", "thr.cpp"])])`,
		"thr.c": `#include "hpy.h"
static int c_side(HPyContext *ctx, void *lock)
{
    pthread_t t;
    pthread_create(&t, NULL, work, NULL);
    PyThread_acquire_lock(lock, 0);
    HPyThreadState s = HPy_LeavePythonExecution(ctx);
    pthread_join(t, NULL);
    HPy_ReenterPythonExecution(ctx, s);
    PyThread_acquire_lock(lock, 1);
    return 0;
}
`,
		"thr.cpp": `#include "hpy.h"
#include <thread>
static int cpp_side()
{
    std::thread t(work);
    std::jthread j{work};
    t.join();
    return 0;
}
`,
	})
	g := onlyGraph(t, p)
	got := sitesOf(t, g, "c_side")
	want := []string{
		"start:pthread_create(&t, NULL, work, NULL)=",
		"wait:pthread_join(t, NULL)=",
		"wait:PyThread_acquire_lock(lock, 1)=",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("C sites:\n got  %q\n want %q", got, want)
	}
	for _, f := range g.Funcs() {
		if f.Name() == "c_side" {
			if released := []bool{f.Sites()[1].GILReleased, f.Sites()[2].GILReleased}; released[0] != true || released[1] != false {
				t.Errorf("GIL released at join, second acquire = %v, want [true false]", released)
			}
		}
	}
	got = sitesOf(t, g, "cpp_side")
	sort.Strings(got)
	want = []string{
		"start:std::jthread j=",
		"start:std::thread t=",
		"wait:std::jthread j (joins at the end of its scope)=",
		"wait:t.join()=",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("C++ sites:\n got  %q\n want %q", got, want)
	}
}

// Code compiled only for another ABI is not in the graph.
func TestCodeForAnotherABIIsLeftOut(t *testing.T) {
	p := project(t, map[string]string{
		"setup.py": `from setuptools import setup, Extension
setup(hpy_ext_modules=[Extension("abi", ["abi.c"])])`,
		"abi.c": `#include "hpy.h"
#ifdef HPY_ABI_CPYTHON
PyMODINIT_FUNC PyInit_abi(void) { return PyImport_ImportModule("x"); }
#endif
HPyDef_SLOT(abi_exec, HPy_mod_exec)
static int abi_exec_impl(HPyContext *ctx, HPy m)
{
#ifdef HPY_ABI_CPYTHON
    cpython_only();
#endif
    return 0;
}
static int cpython_only(void) { return 0; }
`,
	})
	g := onlyGraph(t, p)
	if got := rootNames(g); !reflect.DeepEqual(got, []string{"abi_exec_impl"}) {
		t.Errorf("roots = %v", got)
	}
	if r := rootNamed(t, g, "abi_exec_impl").Reach(); len(r.Funcs) != 1 {
		t.Errorf("reached %d functions, want only the root", len(r.Funcs))
	}
}

// A source no build config claims is its own extension, named by its
// HPy_MODINIT; the graph is built once.
func TestUnclaimedSourceAndCaching(t *testing.T) {
	p := project(t, map[string]string{
		"solo.c": `#include "hpy.h"
HPyDef_SLOT(solo_exec, HPy_mod_exec)
static int solo_exec_impl(HPyContext *ctx, HPy m) { return 0; }
static HPyModuleDef moduledef = { .doc = "solo" };
HPy_MODINIT(solo, moduledef)
`,
	})
	g := onlyGraph(t, p)
	if g.Ext != nil || g.Module != "solo" || len(g.Roots) != 1 {
		t.Errorf("graph = %+v", g)
	}
	if p.CallGraphs()[0] != g {
		t.Error("call graphs rebuilt")
	}
}

func TestCString(t *testing.T) {
	cases := map[string]string{
		`"pkg.mod"`:                    "pkg.mod",
		`"pkg" ".mod"`:                 "pkg.mod",
		"\"pkg\"\n   /* c */ \".mod\"": "pkg.mod",
		`"\x70kg"`:                     "pkg",
		`"a\142c\n\t\\\"\?"`:           "abc\n\t\\\"?",
		`u8"caf\u00e9"`:                "café",
		`L"w" U"\U0001F600"`:           "w😀",
		`R"x(a\b)"c)x"`:                `a\b)"c`,
		`""`:                           "",
	}
	for in, want := range cases {
		if got, ok := cString(in); !ok || got != want {
			t.Errorf("cString(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{`NAME`, `"open`, `"a" NAME`, `x + "a"`, `"\q"`, `'c'`, ``} {
		if got, ok := cString(in); ok {
			t.Errorf("cString(%s) = %q, want not a literal", in, got)
		}
	}
}
