package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A key in one extension's source leaves the parts of the other
// extensions' work kept without looking their inputs up file by file:
// the summaries of their inputs rule the changed file out. Only a part
// whose summary shares a bit with the changed file's is looked at, which
// for a path hashed into 64 bits is a few in a hundred.
func TestKeptPartsAreNotLookedUpFileByFile(t *testing.T) {
	const exts = 40
	texts := legacyExtensions(exts, true)
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	first := analysis.Run(context.Background(), snap, opts)

	edited := strings.Replace(texts["src/m0.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1)
	before := rules.InputsLookedUp()
	second := analysis.Run(context.Background(), snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)}), withPrevious(opts, first))
	kept := second.Kept
	if kept < 2*exts {
		t.Fatalf("the run after the edit kept %d parts, want at least %d: the test shows nothing", kept, 2*exts)
	}
	// The parts of m0 must be looked at (they read the changed file);
	// those of the 39 others only by a collision of their bits.
	if n := rules.InputsLookedUp() - before; n > int64(kept)/4 {
		t.Errorf("the inputs of %d parts were looked up file by file, of %d kept: the summaries rule out too few", n, kept)
	}
	fresh := analysis.Run(context.Background(), snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)}), opts)
	if got, want := describeFindings(second.Diagnostics), describeFindings(fresh.Diagnostics); got != want {
		t.Errorf("the run that kept parts differs from a fresh one:\n%s\nwant:\n%s", got, want)
	}
}
