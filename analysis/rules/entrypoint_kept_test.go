package rules_test

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// In a port built universal, every source with HPy_MODINIT and no CPython
// entrypoint has an HPY105 finding carrying the shim's edits. A key in
// one extension's source makes that extension's finding again and keeps
// the others'; the findings read as a fresh run's.
func TestEntrypointFindingsOfOtherExtensionsAreKept(t *testing.T) {
	made, key := keyInM0(t, universalExtensions(6), rules.EntrypointFindingsMade)
	if made != 1 {
		t.Errorf("a key in m0.c made %d HPY105 findings, want m0's alone", made)
	}
	if got := describeFindings(key.Diagnostics); strings.Count(got, "HPY105") != 6 {
		t.Errorf("the key's findings do not have one HPY105 a source:%s", got)
	}
}
