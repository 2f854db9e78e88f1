package rules_test

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// Every extension whose places HPY209 keeps from the run before asks
// whether the legacy tables are as they were. The tables are compared
// once a run, not once an extension: with a table in each of a
// workspace's extensions, comparing them for each made a key's cost grow
// with the square of the workspace.
func TestLegacyTablesAreComparedOncePerRun(t *testing.T) {
	const exts = 6
	// A call typed in one extension's source changes its facts: the rules
	// run, and the other extensions' places are kept.
	compared, first, second := keyInM0(t, legacyExtensions(exts, false), rules.TablesCompared)
	n := 0
	for _, d := range first.Diagnostics {
		if d.Code == "HPY209" {
			n++
		}
	}
	if n != exts {
		t.Fatalf("%d HPY209 findings, want one for each of the %d extensions", n, exts)
	}
	if second.Kept == 0 {
		t.Fatal("the run after the edit kept nothing: the test shows nothing")
	}
	if compared > 1 {
		t.Errorf("the run compared the legacy tables %d times, want at most once", compared)
	}
}

// A key that runs the rules makes each source's list of universal headers
// once, however many of HPY209's passes ask for it.
func TestUniversalHeadersAreListedOncePerRun(t *testing.T) {
	const exts = 6
	made, _, _ := keyInM0(t, legacyExtensions(exts, false), rules.HeaderListsMade)
	if made == 0 || made > exts {
		t.Errorf("the key made %d lists of universal headers, want one for each of at most %d sources", made, exts)
	}
}

// A key in a source keeps the run before's list of universal files; one
// that changes what a source includes, or makes a file the generated
// shim, lists them again, as a fresh run does (keyInM0 compares).
func TestUniversalFilesAreKeptWhileTheirClosuresStay(t *testing.T) {
	texts := legacyExtensions(6, false)
	walks, _, key := keyInM0(t, texts, rules.UniversalWalks)
	if key.Kept == 0 {
		t.Fatal("the key kept nothing: the test shows nothing")
	}
	if walks != 0 {
		t.Errorf("a key in a source listed the universal files %d times, want none", walks)
	}
}
