package rules_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// universalExtensions are legacyExtensions(n, helpers) with the ABI
// pinned universal in setup.py: a port in progress, where every source
// has findings of its own.
func universalExtensions(n int, helpers bool) map[string]string {
	texts := legacyExtensions(n, helpers)
	texts["setup.py"] = strings.Replace(texts["setup.py"], "setup_requires=['hpy'],", "setup_requires=['hpy'], hpy_abi='universal',", 1)
	return texts
}

// keyInM0 runs texts, then the key that adds a CPython call to
// src/m0.c's function, with the first run as the one before, and returns
// what count counted during the key, the first run and the key's, whose
// findings it checks against a fresh run's (fixes included).
func keyInM0(t *testing.T, texts map[string]string, count func() int64) (made int64, first, key *analysis.Result) {
	t.Helper()
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	first = analysis.Run(context.Background(), snap, opts)
	edited := strings.Replace(texts["src/m0.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1)
	after := snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)})
	before := count()
	key = analysis.Run(context.Background(), after, withPrevious(opts, first))
	made = count() - before
	fresh := analysis.Run(context.Background(), after, analysis.Options{})
	if !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the key's findings differ from a fresh run's:%s\nwant:%s", describeFindings(key.Diagnostics), describeFindings(fresh.Diagnostics))
	}
	return made, first, key
}

// countedRun analyses snap from nothing and returns how much count moved
// during the run, and the run.
func countedRun(snap *source.Snapshot, count func() int64) (int64, *analysis.Result) {
	before := count()
	res := analysis.Run(context.Background(), snap, analysis.Options{})
	return count() - before, res
}
