package rules_test

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// A key in one extension's source leaves the parts of the other
// extensions' work kept without looking their inputs up file by file:
// the summaries of their inputs rule the changed file out. Only a part
// whose summary shares a bit with the changed file's is looked at, which
// for a path hashed into 64 bits is a few in a hundred.
func TestKeptPartsAreNotLookedUpFileByFile(t *testing.T) {
	const exts = 40
	looked, _, second := keyInM0(t, legacyExtensions(exts, true), rules.InputsLookedUp)
	kept := second.Kept
	if kept < 2*exts {
		t.Fatalf("the run after the edit kept %d parts, want at least %d: the test shows nothing", kept, 2*exts)
	}
	// The parts of m0 must be looked at (they read the changed file);
	// those of the 39 others only by a collision of their bits.
	if looked > int64(kept)/4 {
		t.Errorf("the inputs of %d parts were looked up file by file, of %d kept: the summaries rule out too few", looked, kept)
	}
}
