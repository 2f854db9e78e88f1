package rules_test

import (
	"strings"
	"testing"

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
		made, key := keyInM0(t, universalExtensions(6), c.count)
		if made != 1 {
			t.Errorf("%s: a key in m0.c had %d %s, want m0's alone", c.code, made, c.what)
		}
		if got := describeFindings(key.Diagnostics); strings.Count(got, c.code) != 6 {
			t.Errorf("%s: the key's findings do not have one a source:%s", c.code, got)
		}
	}
}
