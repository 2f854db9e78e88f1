package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Every extension whose places HPY209 keeps from the run before asks
// whether the legacy tables are as they were. The tables are compared
// once a run, not once an extension: with a table in each of a
// workspace's extensions, comparing them for each made a key's cost grow
// with the square of the workspace.
func TestLegacyTablesAreComparedOncePerRun(t *testing.T) {
	const exts = 6
	texts := legacyExtensions(exts, false)
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	first := analysis.Run(context.Background(), snap, opts)
	n := 0
	for _, d := range first.Diagnostics {
		if d.Code == "HPY209" {
			n++
		}
	}
	if n != exts {
		t.Fatalf("%d HPY209 findings, want one for each of the %d extensions", n, exts)
	}
	// A call typed in one extension's source changes its facts: the rules
	// run, and the other extensions' places are kept.
	edited := strings.Replace(texts["src/m0.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1)
	before := rules.TablesCompared()
	second := analysis.Run(context.Background(), snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)}), withPrevious(opts, first))
	if second.Kept == 0 {
		t.Fatal("the run after the edit kept nothing: the test shows nothing")
	}
	if n := rules.TablesCompared() - before; n > 1 {
		t.Errorf("the run compared the legacy tables %d times, want at most once", n)
	}
}
