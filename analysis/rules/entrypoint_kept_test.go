package rules_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// In a port built universal, every source with HPy_MODINIT and no CPython
// entrypoint has an HPY105 finding carrying the shim's edits. A key in
// one extension's source makes that extension's finding again and keeps
// the others'; the findings read as a fresh run's.
func TestEntrypointFindingsOfOtherExtensionsAreKept(t *testing.T) {
	const exts = 6
	texts := legacyExtensions(exts, false)
	texts["setup.py"] = strings.Replace(texts["setup.py"], "setup_requires=['hpy'],", "setup_requires=['hpy'], hpy_abi='universal',", 1)
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	before := rules.EntrypointFindingsMade()
	first := analysis.Run(context.Background(), snap, opts)
	if n := rules.EntrypointFindingsMade() - before; n != exts {
		t.Fatalf("the first run made %d HPY105 findings, want %d", n, exts)
	}

	edited := strings.Replace(texts["src/m0.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1)
	after := snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)})
	before = rules.EntrypointFindingsMade()
	key := analysis.Run(context.Background(), after, withPrevious(opts, first))
	if n := rules.EntrypointFindingsMade() - before; n != 1 {
		t.Errorf("a key in m0.c made %d HPY105 findings, want m0's alone", n)
	}
	fresh := analysis.Run(context.Background(), after, analysis.Options{})
	if !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the key's findings (their fixes included) differ from a fresh run's:\n%s\nwant:\n%s", describeFindings(key.Diagnostics), describeFindings(fresh.Diagnostics))
	}
	if !strings.Contains(describeFindings(key.Diagnostics), "HPY105 src/m3.c") {
		t.Errorf("m3's HPY105 finding is missing:\n%s", describeFindings(key.Diagnostics))
	}
}
