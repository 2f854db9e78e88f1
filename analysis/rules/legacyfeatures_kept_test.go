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

// HPY203 reads each universal file's uses of HPy's legacy features; a key
// in one source reads that source's again and keeps the others', and the
// findings read as a fresh run's.
func TestLegacyFeaturesOfUnchangedFilesAreKept(t *testing.T) {
	const exts = 6
	texts := legacyExtensions(exts, false)
	texts["setup.py"] = strings.Replace(texts["setup.py"], "setup_requires=['hpy'],", "setup_requires=['hpy'], hpy_abi='universal',", 1)
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	first := analysis.Run(context.Background(), snap, opts)
	if n := strings.Count(describeFindings(first.Diagnostics), "HPY203"); n != exts {
		t.Fatalf("%d HPY203 findings, want one a source:%s", n, describeFindings(first.Diagnostics))
	}

	edited := strings.Replace(texts["src/m0.c"], "    return HPy_Dup", "    PyErr_Clear();\n    return HPy_Dup", 1)
	after := snap.With(&source.File{Path: "src/m0.c", Content: []byte(edited)})
	before := rules.LegacyFeaturesRead()
	key := analysis.Run(context.Background(), after, withPrevious(opts, first))
	if n := rules.LegacyFeaturesRead() - before; n != 1 {
		t.Errorf("a key in m0.c read the legacy features of %d files, want m0.c's alone", n)
	}
	fresh := analysis.Run(context.Background(), after, analysis.Options{})
	if !reflect.DeepEqual(key.Diagnostics, fresh.Diagnostics) {
		t.Errorf("the key's findings differ from a fresh run's:%s\nwant:%s", describeFindings(key.Diagnostics), describeFindings(fresh.Diagnostics))
	}
}
