package rules_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The list of universal files is kept from the run before while every
// source's closure stays, and each changed file is in it or out of it as
// before; any other key lists the files again. Each key's findings equal
// a fresh run's.
func TestUniversalFilesAreListedAgainOnlyWhenTheyCanDiffer(t *testing.T) {
	texts := legacyExtensions(4, true)
	for _, c := range []struct {
		name       string
		path, text string
		walks      bool
	}{
		{"a declaration typed into a header", "src/m0.h", texts["src/m0.h"] + "void more_0(void);\n", false},
		{"a call typed into a source", "src/m1.c", strings.Replace(texts["src/m1.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1), false},
		{"a header includes another", "src/m0.h", "#include \"m1.h\"\n" + texts["src/m0.h"], true},
		{"a source includes another header", "src/m2.c", "#include \"m3.h\"\n" + texts["src/m2.c"], true},
		{"a header becomes the generated shim", "src/m0.h", "/* " + shim.GeneratedMarker + " */\n" + texts["src/m0.h"], true},
	} {
		t.Run(c.name, func(t *testing.T) {
			snap := snapshotOf(texts)
			opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
			first := analysis.Run(context.Background(), snap, opts)
			after := snap.With(&source.File{Path: c.path, Content: []byte(c.text)})
			before := rules.UniversalWalks()
			key := analysis.Run(context.Background(), after, withPrevious(opts, first))
			walks := rules.UniversalWalks() - before
			if key.Moved || key.Kept == 0 {
				t.Fatalf("the key moved the findings (%v) or kept nothing (%d): the test shows nothing", key.Moved, key.Kept)
			}
			if (walks > 0) != c.walks {
				t.Errorf("the key listed the universal files %d times; want a walk: %v", walks, c.walks)
			}
			if fresh := analysis.Run(context.Background(), after, analysis.Options{}); !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
				t.Errorf("the key's findings differ from a fresh run's:%s\nwant:%s", describeFindings(key.Diagnostics), describeFindings(fresh.Diagnostics))
			}
		})
	}
}

// The list kept is the run before's only when that run listed the files:
// HPY208 alone does not while the project is NumPy itself, and a header
// that became the generated shim then is out of the list when the
// project stops being NumPy, as in a fresh run.
func TestUniversalFilesKeptOnlyFromTheRunJustBefore(t *testing.T) {
	texts := legacyExtensions(2, true)
	texts["setup.py"] = strings.Replace(texts["setup.py"], "setup_requires=['hpy']", "setup_requires=['hpy'], hpy_abi='universal'", 1)
	texts["src/m0.h"] += "static inline double first(PyArrayObject *a) { return *(double *)PyArray_DATA(a); }\n"
	notNumPy := texts["src/m1_helpers.c"]
	numpy := notNumPy + "PyObject *PyArray_FromAny(PyObject *o, void *d, int a, int b, int c, PyObject *x) { return o; }\n"
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Select: []string{"HPY208"}}
	snap := snapshotOf(texts)
	run1 := analysis.Run(context.Background(), snap, opts)
	if len(run1.Diagnostics) == 0 {
		t.Fatal("no HPY208 finding in the header: the test shows nothing")
	}
	snap2 := snap.With(&source.File{Path: "src/m1_helpers.c", Content: []byte(numpy)},
		&source.File{Path: "src/m0.h", Content: []byte("/* " + shim.GeneratedMarker + " */\n" + texts["src/m0.h"])})
	run2 := analysis.Run(context.Background(), snap2, withPrevious(opts, run1))
	snap3 := snap2.With(&source.File{Path: "src/m1_helpers.c", Content: []byte(notNumPy)})
	run3 := analysis.Run(context.Background(), snap3, withPrevious(opts, run2))
	if run3.Moved || run3.Kept == 0 {
		t.Fatalf("the last run moved the findings (%v) or kept nothing (%d): the test shows nothing", run3.Moved, run3.Kept)
	}
	if fresh := analysis.Run(context.Background(), snap3, analysis.Options{Select: opts.Select}); !reflect.DeepEqual(run3.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the last run's findings differ from a fresh run's:%s\nwant:%s", describeFindings(run3.Diagnostics), describeFindings(fresh.Diagnostics))
	}
}
