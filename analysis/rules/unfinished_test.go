package rules_test

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// HPY004 and the engine's report of truncated files read only the HPy
// code that parses with a gap or ends unfinished. A run in which no
// parsed file has either does not list every HPy code file (which asks
// each for its headers); one in which a header of an extension has a gap
// reports it as before, and so does a truncated source.
func TestUnfinishedHPyCodeIsListedOnlyWhenSomeFileIs(t *testing.T) {
	texts := legacyExtensions(4, false)
	snap := snapshotOf(texts)
	n, clean := countedRun(snap, rules.HPyCodeListed)
	if n != 0 {
		t.Errorf("a run with no file parsed in part listed the HPy code %d times", n)
	}
	if got := describeFindings(clean.Diagnostics); strings.Contains(got, "HPY004") || strings.Contains(got, "unfinished") {
		t.Fatalf("the clean workspace has a partial parse:\n%s", got)
	}

	// A macro the grammar cannot expand before a definition, in a header
	// only an extension's source includes, and a source cut off mid-body.
	header := "static LIB_NONNULL(1) long\nsum(const long *items, long n)\n{\n    return n;\n}\n"
	m1 := "#include \"lib.h\"\n" + texts["src/m1.c"]
	m2 := texts["src/m2.c"] + "\nstatic long cut(long n)\n{\n    return n +"
	edited := snap.With(&source.File{Path: "src/lib.h", Content: []byte(header)}).
		With(&source.File{Path: "src/m1.c", Content: []byte(m1)}).
		With(&source.File{Path: "src/m2.c", Content: []byte(m2)})
	n, flawed := countedRun(edited, rules.HPyCodeListed)
	if n != 1 {
		t.Errorf("a run with unfinished files listed the HPy code %d times, want 1", n)
	}
	got := describeFindings(flawed.Diagnostics)
	for _, want := range []string{"HPY004 src/lib.h", "HPY003 src/m2.c", "file ends unfinished"} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q:\n%s", want, got)
		}
	}
}
