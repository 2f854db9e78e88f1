package rules_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// A project of two extensions sharing a header, as the language server
// sees it: every file but the edited ones keeps its facts from run to run.
// Its files give every kind of entry of a carry something to keep: CPython
// references in sources and headers, a header reached from two sources, a
// name the project defines, a legacy table, #if regions on the ABI, a
// chain of includes to CPython's headers, uses of NumPy's C API, an
// HPyDef defined twice in one extension (HPY110), a module definition
// with a size (HPY109), an exec slot whose call into a file no config
// lists imports the module itself (HPY303).
var carryFiles = map[string]string{
	"a.c": `#include "hpy.h"
#include "common.h"
#include "tables.h"

static HPy f_impl(HPyContext *ctx, HPy self)
{
    PyErr_Clear();
    return HPy_Dup(ctx, ctx->h_None);
}

static HPy g_impl(HPyContext *ctx, HPy self)
{
    long n = 0;
    return HPyLong_FromLong(ctx, n);
}

HPyDef_SLOT(exec_a, HPy_mod_exec)
static int exec_a_impl(HPyContext *ctx, HPy m)
{
    prepare_types(ctx);
    return 0;
}

static HPyDef *a_defines[] = { &exec_a, NULL };
static HPyModuleDef moddef = {
    .doc = "a",
    .size = -1,
    .defines = a_defines,
    .legacy_methods = HMethods,
};
HPy_MODINIT(a, moddef)
`,
	// No build config lists it: a's calls are resolved into it only
	// because nothing of a defines them.
	"loader.c": `#include "hpy.h"

int prepare_types(HPyContext *ctx)
{
    HPyImport_ImportModule(ctx, "a");
    return 0;
}
`,
	"b.c": `#include "hpy.h"
#include "common.h"
#include "other.h"
#include "tables.h"

static PyMethodDef BMethods[] = {
    {"x", (PyCFunction)0, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

HPyDef_METH(h, "h", HPyFunc_NOARGS)
static HPy h_impl(HPyContext *ctx, HPy self)
{
    if (PyErr_Occurred())
        return HPy_NULL;
    return HPy_Dup(ctx, ctx->h_None);
}

static void *data_of(void *arr)
{
    import_array();
    return PyArray_DATA(arr);
}

static HPyModuleDef moddef = { .doc = "b", .legacy_methods = BMethods };
HPy_MODINIT(b, moddef)
`,
	"common.h": `#ifndef COMMON_H
#define COMMON_H
static inline void common_touch(void)
{
    Py_INCREF(Py_None);
#ifdef HPY_ABI_CPYTHON
    PyErr_Print();
#endif
#if defined(PYPY_VERSION) && PYPY_VERSION_NUM < 0x07030600
    PyErr_WarnEx(NULL, "old PyPy", 1);
#endif
}
#endif
`,
	"other.h": `#include "pyinc.h"
static inline long other_size(void *o)
{
    return PyList_Size(o);
}
`,
	"defs.c": `#include "hpy.h"
HPyDef_METH(h, "h", HPyFunc_NOARGS)
static HPy h_impl(HPyContext *ctx, HPy self) { return HPy_NULL; }
int PyCustom_Hook(void) { return 0; }
`,
	"pyinc.h": `#ifndef HPY_ABI_UNIVERSAL
#include <Python.h>
#endif
#include <structmember.h>
`,
	"tables.h": `static PyMethodDef HMethods[] = {
    {"x", (PyCFunction)PyErr_Clear, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
`,
}

// carrySetups are the two ways the rules read these references: one by
// one when the ABI is pinned universal (HPY201), counted per extension
// when it depends on the interpreter (HPY209).
var carrySetups = []string{
	"from setuptools import setup, Extension\nsetup(name='p', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('a', sources=['a.c']), Extension('b', sources=['b.c', 'defs.c'])])\n",
	"from setuptools import setup, Extension\nsetup(name='p', setup_requires=['hpy'], hpy_ext_modules=[Extension('a', sources=['a.c']), Extension('b', sources=['b.c', 'defs.c'])])\n",
}

// carryPieces are what the edits type: mostly statements in a function
// body, sometimes what changes a file's definitions, includes or #if
// regions.
var carryPieces = []string{
	"    PyLong_FromLong(1);\n",
	"    int local = 0;\n",
	"    n = n + 1;\n",
	"    Py_DECREF(o);\n",
	"    PyErr_Clear();\n",
	"static int PyErr_Occurred(void) { return 0; }\n",
	"#define PyErr_Clear() ((void)0)\n",
	"#include \"other.h\"\n",
	"#include \"common.h\"\n",
	"#include \"pyinc.h\"\n",
	"#include <Python.h>\n",
	"#include <numpy/arrayobject.h>\n",
	"#if defined(PY_VERSION_HEX) && PY_VERSION_HEX >= 0x03080000\n",
	"#if PY_MAJOR_VERSION < 3\n",
	"#if 0\n",
	"#else\n",
	"#ifdef HPY_ABI_CPYTHON\n",
	"#endif\n",
	"#ifndef PyList_Size\n",
	"int PyList_Size(void *o);\n",
	"typedef int PyErr_Print;\n",
	"    PyArray_SIZE(o);\n",
	"HPyDef_METH(g, \"g\", HPyFunc_NOARGS)\n",
	"    .size = 1,\n",
	"#define PyArray_DATA(a) ((void *)(a))\n",
	"void *PyArray_FromAny(void *o) { return o; }\n",
	"static PyMethodDef More[] = {{\"y\", (PyCFunction)0, METH_NOARGS, NULL}, {NULL}};\n",
	"#define HPY_ABI_HYBRID\n",
	"}\n",
	"{\n",
	"    prepare_types(ctx);\n",
	"    prepare_more(ctx);\n",
	"    HPyImport_ImportModule(ctx, \"a\");\n",
	"int prepare_types(HPyContext *ctx) { return 0; }\n",
	"static int prepare_more(HPyContext *ctx) { return 0; }\n",
	"int prepare_more(HPyContext *ctx) { HPyImport_ImportModule(ctx, \"a\"); return 0; }\n",
}

// TestCarryEqualsAFreshRun types random edits into the sources and
// headers and compares each run, given the one before (and so its carry),
// with a fresh run of the same text.
func TestCarryEqualsAFreshRun(t *testing.T) {
	edits, seed := testenv.Count(t, "HPYLINT_CARRY_EDITS", 250), int64(testenv.Count(t, "HPYLINT_CARRY_SEED", 1))
	for _, setup := range carrySetups {
		kept, changedNames := checkCarry(t, setup, seed, edits)
		if kept == 0 {
			t.Fatal("no run kept anything of the run before: the property says nothing of the carry")
		}
		t.Logf("%d entries kept over %d runs; %d runs changed a file's definitions", kept, edits, changedNames)
	}
}

// TestCarryComparisonCatchesStaleEntries shows the property can fail:
// with every kept list of CPython references, NumPy uses, HPY209's places,
// findings or a call graph's sites spoiled, as a carry that missed a change would keep them,
// some run disagrees with a fresh one.
func TestCarryComparisonCatchesStaleEntries(t *testing.T) {
	for name, spoil := range map[string]func(*rules.Carry){
		"references": (*rules.Carry).SpoilReferences,
		"findings":   (*rules.Carry).SpoilScopes,
		"places":     (*rules.Carry).SpoilBlockers,
		"NumPy uses": (*rules.Carry).SpoilNumPyUses,
		"init sites": (*rules.Carry).SpoilSites,
	} {
		rules.SetCarryHook(spoil)
		var failure string
		for _, setup := range carrySetups {
			carryRuns(t, setup, 1, 40, func(what string, got, want []diag.Diagnostic) bool {
				if !reflect.DeepEqual(got, want) {
					failure = what
					return false
				}
				return true
			})
		}
		rules.SetCarryHook(nil)
		if failure == "" {
			t.Fatalf("stale lists of %s were kept and the comparison with fresh runs did not notice", name)
		}
		t.Logf("%s: caught as expected at %s", name, failure)
	}
}

func checkCarry(t *testing.T, setup string, seed int64, edits int) (kept, changedNames int) {
	return carryRuns(t, setup, seed, edits, func(what string, got, want []diag.Diagnostic) bool {
		sameAsFresh(t, what, got, want)
		return true
	})
}

// carryRuns makes random edits, runs the engine as the language server
// does after each, and hands each run's findings with a fresh run's to
// same, until it returns false.
func carryRuns(t *testing.T, setup string, seed int64, edits int, same func(what string, got, want []diag.Diagnostic) bool) (kept, changedNames int) {
	t.Helper()
	return carryScript(t, setup, edits, randomCarryEdits(seed), nil, same)
}

// randomCarryEdits makes the random edits of carryRuns, drawn with seed.
func randomCarryEdits(seed int64) func(i int, texts map[string]string) (string, string) {
	rng := rand.New(rand.NewSource(seed))
	var paths []string
	for p := range carryFiles {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return func(i int, texts map[string]string) (string, string) {
		p := paths[rng.Intn(len(paths))]
		text := texts[p]
		lines := strings.SplitAfter(text, "\n")
		at := rng.Intn(len(lines))
		var what string
		const legacy = "    .legacy_methods = HMethods,\n"
		switch {
		case rng.Intn(10) == 0 && p == "a.c":
			// Whether the header's table is a legacy one (whose entries
			// HPY201 leaves to HPY203) is decided in this other file.
			what = "toggle " + legacy
			if strings.Contains(text, legacy) {
				text = strings.Replace(text, legacy, "", 1)
			} else {
				text = strings.Replace(text, "    .doc = \"a\",\n", "    .doc = \"a\",\n"+legacy, 1)
			}
		case i%30 == 29:
			what, text = "back to the original", carryFiles[p]
		case rng.Intn(4) == 0 && len(lines) > 1:
			what = fmt.Sprintf("delete line %d %q", at+1, lines[at])
			text = strings.Join(append(lines[:at:at], lines[at+1:]...), "")
		default:
			piece := carryPieces[rng.Intn(len(carryPieces))]
			what = fmt.Sprintf("insert %q before line %d", piece, at+1)
			text = strings.Join(lines[:at], "") + piece + strings.Join(lines[at:], "")
		}
		texts[p] = text
		return p, what
	}
}

// carryScript runs edits edits, each made by next on texts (it names the
// file and says what it did), running the engine after each as the
// language server does and handing its findings with a fresh run's to
// same, until it returns false. With superseded, each run is preceded by
// one from the same run before over texts that superseded edits, which
// is then dropped, as the server drops a run a key superseded.
func carryScript(t *testing.T, setup string, edits int, next, superseded func(i int, texts map[string]string) (path, what string), same func(what string, got, want []diag.Diagnostic) bool) (kept, changedNames int) {
	t.Helper()
	texts := map[string]string{"setup.py": setup}
	for p, s := range carryFiles {
		texts[p] = s
	}
	base := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	var prev *analysis.Result
	type parsed struct {
		text  string
		facts *cfacts.Facts
	}
	buffers := map[string]parsed{} // an open buffer keeps its facts until it changes
	run := func(texts map[string]string, prev *analysis.Result) *analysis.Result {
		var edited []*source.File
		provided := map[string]*cfacts.Facts{}
		for q := range carryFiles {
			if texts[q] != carryFiles[q] {
				edited = append(edited, &source.File{Path: q, Content: []byte(texts[q])})
				if b, ok := buffers[q]; !ok || b.text != texts[q] {
					lang, _ := cfacts.LangOf(q)
					f, err := cfacts.Extract(lang, []byte(texts[q]))
					if err != nil {
						t.Fatal(err)
					}
					buffers[q] = parsed{texts[q], f}
				}
				provided[q] = buffers[q].facts
			}
		}
		o := opts
		o.Provided, o.Previous = provided, prev
		return analysis.Run(context.Background(), base.With(edited...), o)
	}
	for i := range edits {
		if superseded != nil {
			other := maps.Clone(texts)
			superseded(i, other)
			run(other, prev)
		}
		p, what := next(i, texts)
		got := run(texts, prev)
		kept += got.Kept
		if got.Kept > 0 && (strings.Contains(what, "static int Py") || strings.Contains(what, "#define Py") || strings.Contains(what, "typedef")) {
			changedNames++
		}
		fresh := analysis.Run(context.Background(), snapshotOf(texts), analysis.Options{})
		if !same(fmt.Sprintf("edit %d of %s: %s", i, p, what), got.Diagnostics, fresh.Diagnostics) {
			return kept, changedNames
		}
		prev = got
	}
	return kept, changedNames
}

// TestCarryAsksChangedNamesAgain makes, in order, the edits after which a
// kept answer about a name, or an extension's kept findings, are wrong
// unless worked out again: a header starts and stops defining a CPython
// name and a NumPy name that sources use, another extension's source
// defines a name, another extension's source decides that a shared
// header's table is a legacy one; between edits that keep everything
// else.
func TestCarryAsksChangedNamesAgain(t *testing.T) {
	script := []scriptEdit{
		{"a.c", "    long n = 0;\n", "    long n = 1;\n"},
		{"common.h", "#define COMMON_H\n", "#define COMMON_H\n#define PyArray_DATA(a) ((void *)(a))\n"},
		{"a.c", "    long n = 1;\n", "    long n = 2;\n"},
		{"common.h", "#define PyArray_DATA(a) ((void *)(a))\n", ""},
		{"a.c", "    long n = 2;\n", "    long n = 3;\n"},
		{"other.h", "static inline long", "static int PyErr_Occurred(void) { return 0; }\nstatic inline long"},
		{"a.c", "    long n = 3;\n", "    long n = 4;\n"},
		{"other.h", "static int PyErr_Occurred(void) { return 0; }\n", ""},
		{"a.c", "    long n = 4;\n", "    long n = 5;\n"},
		// A name a's sources use comes to be defined in b's, which a reads
		// nothing of, right after a run that worked out a's findings.
		{"b.c", "    return HPy_Dup(ctx, ctx->h_None);\n}\n\nstatic void", "    PyLong_FromLong(1);\n    return HPy_Dup(ctx, ctx->h_None);\n}\n\nstatic void"},
		{"defs.c", "int PyCustom_Hook", "void PyErr_Clear(void) {}\nint PyCustom_Hook"},
		{"b.c", "    PyLong_FromLong(1);\n", "    PyLong_FromLong(2);\n    PyErr_Print();\n"},
		{"defs.c", "void PyErr_Clear(void) {}\n", ""},
		// Whether tables.h, which b reads, holds a legacy table is decided
		// in a, which b reads nothing of.
		{"b.c", "    PyErr_Print();\n", ""},
		{"a.c", "    .legacy_methods = HMethods,\n", ""},
		{"b.c", "    PyLong_FromLong(2);\n", "    PyErr_Print();\n"},
		{"a.c", "    .doc = \"a\",\n", "    .doc = \"a\",\n    .legacy_methods = HMethods,\n"},
	}
	for _, setup := range carrySetups {
		kept, _ := carryScript(t, setup, len(script), applyScript(t, script), nil, func(what string, got, want []diag.Diagnostic) bool {
			sameAsFresh(t, what, got, want)
			return true
		})
		if kept == 0 {
			t.Fatal("no run kept anything: the script says nothing of the carry")
		}
	}
}

// scriptEdit replaces old by new, once, in the file at path.
type scriptEdit struct{ path, old, new string }

// applyScript is carryScript's next for a fixed list of edits; an edit
// whose text is not there ends the test.
func applyScript(t *testing.T, script []scriptEdit) func(int, map[string]string) (string, string) {
	return func(i int, texts map[string]string) (string, string) {
		e := script[i]
		if !strings.Contains(texts[e.path], e.old) {
			t.Fatalf("edit %d: %s has no %q", i, e.path, e.old)
		}
		texts[e.path] = strings.Replace(texts[e.path], e.old, e.new, 1)
		return e.path, fmt.Sprintf("%q → %q", e.old, e.new)
	}
}

// sameAsFresh ends the test when a run's findings are not a fresh run's.
func sameAsFresh(t *testing.T, what string, got, want []diag.Diagnostic) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s\n got %s\nwant %s", what, describeFindings(got), describeFindings(want))
	}
}

func snapshotOf(texts map[string]string) *source.Snapshot {
	var files []*source.File
	for p, s := range texts {
		files = append(files, &source.File{Path: p, Content: []byte(s)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return source.NewSnapshot("/carry", files)
}

func describeFindings(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %s %s %v %q", d.Code, d.Location.Path, d.Location.Span, d.Message)
	}
	return b.String()
}

// TestCarryKeepsGraphsWhileTheirFilesStay makes, in order, the edits
// after which a call graph's kept sites are wrong unless worked out
// again, between edits in another extension that keep them: a file
// outside the graph comes to define, non-static, a function the graph
// calls (the call no longer has one target), then stops; a function the
// graph calls, static in a file outside it, becomes non-static (the call
// now goes there); the file a call went to changes. The count of HPY303 findings says the edits do what
// they are meant to.
func TestCarryKeepsGraphsWhileTheirFilesStay(t *testing.T) {
	type edit struct {
		scriptEdit
		selfImports int
	}
	const body = "    return HPy_Dup(ctx, ctx->h_None);\n}\n\nstatic void"
	script := []edit{
		{scriptEdit{"b.c", body, "    n = 1;\n" + body}, 1},
		{scriptEdit{"b.c", "    n = 1;\n", "    n = 2;\n"}, 1},
		{scriptEdit{"defs.c", "int PyCustom_Hook", "int prepare_types(HPyContext *ctx) { return 0; }\nint PyCustom_Hook"}, 0},
		{scriptEdit{"b.c", "    n = 2;\n", "    n = 3;\n"}, 0},
		{scriptEdit{"defs.c", "int prepare_types(HPyContext *ctx) { return 0; }\n", ""}, 1},
		{scriptEdit{"a.c", "    prepare_types(ctx);\n", "    prepare_types(ctx);\n    prepare_more(ctx);\n"}, 1},
		{scriptEdit{"defs.c", "int PyCustom_Hook", "static int prepare_more(HPyContext *ctx) { HPyImport_ImportModule(ctx, \"a\"); return 0; }\nint PyCustom_Hook"}, 1},
		{scriptEdit{"b.c", "    n = 3;\n", "    n = 4;\n"}, 1},
		{scriptEdit{"defs.c", "static int prepare_more", "int prepare_more"}, 2},
		{scriptEdit{"b.c", "    n = 4;\n", "    n = 5;\n"}, 2},
		// The file the call went to changes: the graph read it.
		{scriptEdit{"loader.c", "(ctx, \"a\")", "(ctx, \"json\")"}, 1},
		{scriptEdit{"b.c", "    n = 5;\n", "    n = 6;\n"}, 1},
	}
	edits := make([]scriptEdit, len(script))
	for i, e := range script {
		edits[i] = e.scriptEdit
	}
	for _, setup := range carrySetups {
		var step int
		apply := applyScript(t, edits)
		kept, _ := carryScript(t, setup, len(script), func(i int, texts map[string]string) (string, string) {
			step = i
			return apply(i, texts)
		}, nil, func(what string, got, want []diag.Diagnostic) bool {
			sameAsFresh(t, what, got, want)
			n := 0
			for _, d := range want {
				if d.Code == "HPY303" {
					n++
				}
			}
			if n != script[step].selfImports {
				t.Fatalf("%s: %d HPY303 findings, want %d:%s", what, n, script[step].selfImports, describeFindings(want))
			}
			return true
		})
		if kept == 0 {
			t.Fatal("no run kept anything: the script says nothing of the carry")
		}
	}
}

// TestCarryWorksOutGraphsThatReachUnparsedFiles: a call of a's exec slot
// goes to a file no rule parsed (it mentions no HPy), where a suppression
// silences the self-import found there. The suppression is read only when
// a graph reaches the file in the same run, so a's sites are worked out
// again on every run, however little changed.
func TestCarryWorksOutGraphsThatReachUnparsedFiles(t *testing.T) {
	const plain = "plain.c"
	const text = "int prepare_plain(void *ctx)\n{\n    PyImport_ImportModule(\"a\"); // hpylint: ignore[HPY303] a test of suppressions\n    return 0;\n}\n"
	carryFiles[plain] = text
	defer delete(carryFiles, plain)
	const body = "    return HPy_Dup(ctx, ctx->h_None);\n}\n\nstatic void"
	script := []scriptEdit{
		{"a.c", "    prepare_types(ctx);\n", "    prepare_types(ctx);\n    prepare_plain(ctx);\n"},
		// Calls typed into b, which a reads nothing of: the rules run.
		{"b.c", body, "    PyLong_FromLong(1);\n" + body},
		{"b.c", "    PyLong_FromLong(1);\n", "    PyLong_FromLong(2);\n"},
	}
	for _, setup := range carrySetups {
		carryScript(t, setup, len(script), applyScript(t, script), nil, func(what string, got, want []diag.Diagnostic) bool {
			sameAsFresh(t, what, got, want)
			for _, d := range want {
				if d.Location.Path == plain {
					t.Fatalf("%s: a finding in %s, where the suppression should silence it:%s", what, plain, describeFindings(want))
				}
			}
			return true
		})
	}
}
