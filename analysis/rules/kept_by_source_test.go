package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// In a port built universal, every source has findings of its own: HPY105
// (HPy_MODINIT with no CPython entrypoint, the shim's edits as its fix)
// and HPY203 (its legacy table). A key in one extension's source works
// out that source's again and keeps the others'; the findings read as a
// fresh run's.
func TestKeyWorksOutOnlyItsSourcesFindings(t *testing.T) {
	for _, c := range []struct {
		code, what string
		count      func() int64
	}{
		{"HPY105", "HPY105 findings made", rules.EntrypointFindingsMade},
		{"HPY203", "files' legacy features read", rules.LegacyFeaturesRead},
	} {
		made, _, key := keyInM0(t, universalExtensions(6, false), c.count)
		if made != 1 {
			t.Errorf("%s: a key in m0.c had %d %s, want m0's alone", c.code, made, c.what)
		}
		if got := describeFindings(key.Diagnostics); strings.Count(got, c.code) != 6 {
			t.Errorf("%s: the key's findings do not have one a source:%s", c.code, got)
		}
	}
}

// HPY105's part of a source lists every file of its binary: only a
// source with HPy_MODINIT has one, or a run with nothing before it (the
// CLI's) would list an extension's files once for each of its sources.
func TestEntrypointPartsAreOnlySourcesWithModinit(t *testing.T) {
	texts := universalExtensions(4, true) // a second source each, without HPy_MODINIT
	before := rules.EntrypointInputsRead()
	res := analysis.Run(context.Background(), snapshotOf(texts), analysis.Options{})
	if n := rules.EntrypointInputsRead() - before; n != 4 {
		t.Errorf("HPY105 listed the files of %d parts, want the 4 sources with HPy_MODINIT", n)
	}
	if got := describeFindings(res.Diagnostics); strings.Count(got, "HPY105") != 4 {
		t.Errorf("want one HPY105 an extension:%s", got)
	}
}
