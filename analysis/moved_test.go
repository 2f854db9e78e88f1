package analysis_test

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/suppress"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// A project whose findings cover what moving must get right: CPython
// references in and out of function bodies, a message citing a line of the
// edited file (the duplicate HPy_MODINIT's), a suppression, comments, a
// function preceded by its comment.
const movedSetup = `from setuptools import setup, Extension
setup(name='m', setup_requires=['hpy'], hpy_ext_modules=[Extension('m', sources=['m.c', 'n.c'])])
`

const movedSource = `#include "hpy.h"

/* Says nothing to hpylint. */
static PyObject *legacy(PyObject *self)
{
    int x = 1;
    Py_INCREF(self);
    PyErr_SetString(PyExc_ValueError, "a message "
                                      "in two pieces");

    return self;
}
#define KEEP_REF(o) \
    do { \
        Py_INCREF(o); \
    } while (0)

HPyDef_SLOT(mod_create, HPy_mod_create)
static HPy mod_create_impl(HPyContext *ctx, HPy spec, HPyModuleDef *def)
{
    HPy np = HPyImport_ImportModule(ctx, "num"
                                         "py");
    return np;
}

HPyDef_METH(f, "f", HPyFunc_NOARGS)
static HPy f_impl(HPyContext *ctx, HPy self)
{
    PyObject *o = NULL;  // hpylint: ignore[HPY201]
    long y = 2;

    return HPy_Dup(ctx, self);
}

static HPyDef *defines[] = { &f, &mod_create, NULL };
static HPyModuleDef moddef = { .defines = defines };

HPy_MODINIT(m, moddef)
HPy_MODINIT(m, moddef)
`

const movedOther = `#include "hpy.h"

static void g(void)
{
    PyErr_Clear();
}
`

// movedRun analyses the project with m.c's text, as the language server
// does: m.c's facts provided, the previous run given.
func movedRun(t *testing.T, base *source.Snapshot, text string, prev *analysis.Result) *analysis.Result {
	t.Helper()
	return movedRunWith(t, serverCaches(), base, text, prev)
}

// serverCaches are the caches a language server keeps across runs: the
// files not edited keep their facts, and the rules what they worked out
// of them (rules.Carry).
func serverCaches() analysis.Options {
	return analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
}

// movedRunWith is movedRun with the caches of opts, shared by a sequence
// of runs as the server shares them.
func movedRunWith(t *testing.T, opts analysis.Options, base *source.Snapshot, text string, prev *analysis.Result) *analysis.Result {
	t.Helper()
	facts, err := cfacts.Extract(cfacts.C, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	opts.Provided, opts.Previous = map[string]*cfacts.Facts{"m.c": facts}, prev
	return analysis.Run(context.Background(), base.With(&source.File{Path: "m.c", Content: []byte(text)}), opts)
}

// freshRun analyses the same text from nothing.
func freshRun(t *testing.T, text string) *analysis.Result {
	t.Helper()
	return analysis.Run(context.Background(), movedSnapshot(text), analysis.Options{})
}

func movedSnapshot(text string) *source.Snapshot { return movedSnapshotWith(movedSetup, text) }

// pinnedSetup pins the ABI to universal, where the CPython entrypoint's
// fix (HPY105) inserts after HPy_MODINIT.
var pinnedSetup = strings.Replace(movedSetup, "setup(name='m',", "setup(name='m', hpy_abi='universal',", 1)

func movedSnapshotWith(setup, text string) *source.Snapshot {
	return source.NewSnapshot("/moved", []*source.File{
		{Path: "setup.py", Content: []byte(setup)},
		{Path: "m.c", Content: []byte(text)},
		{Path: "n.c", Content: []byte(movedOther)},
	})
}

func sameFindings(t *testing.T, what string, got, want []diag.Diagnostic) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d findings, a fresh run has %d:\n got %s\nwant %s", what, len(got), len(want), describe(got), describe(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: finding %d differs from a fresh run's:\n got %s\nwant %s", what, i, describe(got[i:i+1]), describe(want[i:i+1]))
		}
	}
}

func describe(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n  %s %s %v %q lines=%v related=%v", d.Code, d.Location.Path, d.Location.Span, d.Message, d.Lines, d.Related)
		for _, f := range d.Fixes {
			fmt.Fprintf(&b, "\n    fix %q:", f.Title)
			for _, e := range f.Edits {
				fmt.Fprintf(&b, " %s %v (%d bytes)", e.Path, e.Span, len(e.NewText))
			}
		}
	}
	return b.String()
}

func TestMovedFindingsEqualAFreshRun(t *testing.T) {
	if fresh := freshRun(t, movedSource); !hasCodes(fresh.Diagnostics, "HPY103", "HPY201", "HPY302") {
		t.Fatalf("the project's findings lack HPY103, HPY201 or HPY302: %s", describe(fresh.Diagnostics))
	}
	for _, c := range []struct {
		name      string
		after     string // the edit goes right after the first occurrence
		insert    string
		wantMoved bool
	}{
		{"Enter in a function body", "int x = 1;", "\n", true},
		{"Enter after a line with a finding", "Py_INCREF(self);", "\n", true},
		{"Enter between the pieces of a string", "\"a message \"", "\n", true},
		{"Enter between the pieces of an imported name", "\"num\"", "\n", true},
		{"a space in a function body", "int x =", " ", true},
		{"a letter in a local name", "int x", "y", true},
		{"Enter at top level, above the HPy_MODINIT a message cites", "defines };", "\n", true},
		{"Enter between a function and its comment", "hpylint. */", "\n", true},
		{"text in a comment", "Says nothing", " much", true},
		{"Enter by a suppression comment", "ignore[HPY201]", "\n", false},
		{"a new CPython call", "int x = 1;", " Py_DECREF(self);", false},
		{"a preprocessor line", "int x = 1;\n", "#define Z 1\n", false},
		{"Enter after an #include line", "#include \"hpy.h\"\n", "\n", true},
		{"Enter before a multi-line #define", "return self;\n}\n", "\n", true},
		{"Enter and indentation before a multi-line #define", "return self;\n}\n", "\r\n\n  ", true},
		{"Enter after a multi-line #define", "} while (0)\n", "\n", true},
		{"Enter inside a multi-line #define", "KEEP_REF(o) \\\n", "\n", false},
		{"Enter after a continuing backslash", "KEEP_REF(o) \\", "\n", false},
		{"a lone carriage return before a multi-line #define", "return self;\n}\n", "\r", false},
		{"a comment that speaks to hpylint", "Says nothing", " hpylint: ignore[HPY201]", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := movedSnapshot(movedSource)
			prev := movedRun(t, base, movedSource, nil)
			at := strings.Index(movedSource, c.after)
			if at < 0 {
				t.Fatalf("%q is not in the source", c.after)
			}
			at += len(c.after)
			text := movedSource[:at] + c.insert + movedSource[at:]
			got := movedRun(t, base, text, prev)
			if got.Moved != c.wantMoved {
				t.Errorf("moved = %v (%s), want %v", got.Moved, got.NotMoved, c.wantMoved)
			}
			sameFindings(t, c.name, got.Diagnostics, freshRun(t, text).Diagnostics)
		})
	}
}

func hasCodes(ds []diag.Diagnostic, codes ...string) bool {
	for _, code := range codes {
		found := false
		for _, d := range ds {
			found = found || d.Code == code
		}
		if !found {
			return false
		}
	}
	return true
}

// A message citing a line of the edited file is written again with the
// line's new number.
func TestMovedFindingCitesTheMovedLine(t *testing.T) {
	base := movedSnapshot(movedSource)
	prev := movedRun(t, base, movedSource, nil)
	text := strings.Replace(movedSource, "int x = 1;", "int x = 1;\n\n", 1)
	got := movedRun(t, base, text, prev)
	if !got.Moved {
		t.Fatalf("not moved: %s", got.NotMoved)
	}
	first := strings.Count(text[:strings.Index(text, "HPy_MODINIT")], "\n") + 1
	for _, d := range got.Diagnostics {
		if d.Code == "HPY103" && !strings.Contains(d.Message, "m.c:"+strconv.Itoa(first)) {
			t.Fatalf("HPY103 cites %q, want m.c:%d", d.Message, first)
		}
	}
}

// The model of a moved run is built on demand, from the new text.
func TestMovedRunBuildsItsModel(t *testing.T) {
	base := movedSnapshot(movedSource)
	prev := movedRun(t, base, movedSource, nil)
	text := strings.Replace(movedSource, "int x = 1;", "int x = 1;\n", 1)
	got := movedRun(t, base, text, prev)
	if !got.Moved || got.Project != nil {
		t.Fatalf("want a moved run without a model yet; moved=%v (%s)", got.Moved, got.NotMoved)
	}
	u := got.Model().Unit("m.c")
	if u == nil || string(u.File.Content) != text {
		t.Fatal("the model is not of the new text")
	}
}

// Every comment text that means something to hpylint starts with
// "hpylint:", which is what lets the other comments change freely.
func TestMarkersSpeakToHPylint(t *testing.T) {
	if !suppress.SpeaksToHPylint(shim.GeneratedMarker) {
		t.Fatalf("the shim's marker %q does not start with hpylint:", shim.GeneratedMarker)
	}
}

// Random edits of m.c, each run given the last: every run's findings must
// equal a fresh run's. HPYLINT_MOVED_EDITS sets how many (default 300),
// HPYLINT_MOVED_SEED the seed (default 1).
func TestMovedPropertyRandomEdits(t *testing.T) {
	edits, seed := testenv.Count(t, "HPYLINT_MOVED_EDITS", 300), int64(testenv.Count(t, "HPYLINT_MOVED_SEED", 1))
	for _, setup := range []string{movedSetup, pinnedSetup} {
		checkMovedProperty(t, setup, seed, edits)
	}
}

func checkMovedProperty(t *testing.T, setup string, seed int64, edits int) {
	// Mostly what typing in a function body gives, sometimes what breaks
	// the file; every 25 edits the text starts again from the original.
	quiet := []string{"\n", "\n", "\n", "\n    ", " ", " ", "x", "int v = 0;", "Py_X(a);", "/* note */"}
	loud := []string{";", "/*", "*/", "#", "(", ")", "{", "}", "\"", "// hpylint: ignore[HPY201]", "\\", "HPy_MODINIT(m, moddef)"}
	rng := rand.New(rand.NewSource(seed))
	base := movedSnapshotWith(setup, movedSource)
	text := movedSource
	caches := serverCaches()
	prev := movedRunWith(t, caches, base, text, nil)
	moved, kept := 0, 0
	for i := range edits {
		at := rng.Intn(len(text) + 1)
		var what string
		if i%25 == 24 {
			what, text = "back to the original", movedSource
		} else if rng.Intn(4) == 0 && at < len(text) {
			end := min(len(text), at+1+rng.Intn(3))
			what = fmt.Sprintf("delete [%d,%d) %q", at, end, text[at:end])
			text = text[:at] + text[end:]
		} else {
			piece := quiet[rng.Intn(len(quiet))]
			if rng.Intn(4) == 0 {
				piece = loud[rng.Intn(len(loud))]
			}
			what = fmt.Sprintf("insert %q at %d", piece, at)
			text = text[:at] + piece + text[at:]
		}
		got := movedRunWith(t, caches, base, text, prev)
		if got.Moved {
			moved++
		}
		if got.Kept > 0 {
			kept++
		}
		if i%3 == 0 {
			// A request built this run's model: the next move starts
			// from it (moved.go).
			if u := got.Model().Unit("m.c"); u == nil || string(u.File.Content) != text {
				t.Fatalf("edit %d: the model is not of the run's text", i)
			}
		}
		fresh := analysis.Run(context.Background(), movedSnapshotWith(setup, text), analysis.Options{})
		sameFindings(t, fmt.Sprintf("edit %d: %s, giving\n%s\n", i, what, text), got.Diagnostics, fresh.Diagnostics)
		prev = got
	}
	if moved == 0 {
		t.Fatal("no edit moved the findings: the property says nothing of moving")
	}
	if kept == 0 {
		t.Fatal("no run of the rules kept anything of the run before: the property says nothing of the carry")
	}
	t.Logf("%d of %d runs moved the findings; %d ran the rules keeping results", moved, edits, kept)
}

// A fix that inserts at the line after HPy_MODINIT (the CPython
// entrypoint's, HPY105) is placed by reading the text: an Enter typed
// there, at the start of the next line, must not move it as if it
// followed the edit. (hpy's docs/examples/snippets/hpyinit.c.)
func TestMovedFixAtTheEditIsMadeAgain(t *testing.T) {
	setup := "from setuptools import setup, Extension\nsetup(name='m', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('m', sources=['m.c'])])\n"
	src := "#include \"hpy.h\"\nstatic HPyModuleDef moddef = { 0 };\nHPy_MODINIT(m, moddef)\n// END\n"
	base := source.NewSnapshot("/fix", []*source.File{{Path: "setup.py", Content: []byte(setup)}})
	run := func(text string, prev *analysis.Result) *analysis.Result {
		facts, err := cfacts.Extract(cfacts.C, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		opts := analysis.Options{Provided: map[string]*cfacts.Facts{"m.c": facts}, Previous: prev}
		return analysis.Run(context.Background(), base.With(&source.File{Path: "m.c", Content: []byte(text)}), opts)
	}
	prev := run(src, nil)
	if !hasCodes(prev.Diagnostics, "HPY105") {
		t.Fatalf("no HPY105: %s", describe(prev.Diagnostics))
	}
	text := strings.Replace(src, "// END", "\n// END", 1)
	got := run(text, prev)
	fresh := analysis.Run(context.Background(), base.With(&source.File{Path: "m.c", Content: []byte(text)}), analysis.Options{})
	sameFindings(t, "Enter after HPy_MODINIT", got.Diagnostics, fresh.Diagnostics)
}
