package rules_test

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// HPY203 reads each universal file's uses of HPy's legacy features; a key
// in one source reads that source's again and keeps the others', and the
// findings read as a fresh run's.
func TestLegacyFeaturesOfUnchangedFilesAreKept(t *testing.T) {
	made, key := keyInM0(t, universalExtensions(6), rules.LegacyFeaturesRead)
	if made != 1 {
		t.Errorf("a key in m0.c read the legacy features of %d files, want m0.c's alone", made)
	}
	if got := describeFindings(key.Diagnostics); strings.Count(got, "HPY203") != 6 {
		t.Errorf("the key's findings do not have one HPY203 a source:%s", got)
	}
}
