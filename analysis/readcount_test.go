package analysis_test

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The count of files read is the CLI's: a run counts them when asked, once,
// and a run the language server makes on a key, which never asks, does
// not walk the workspace for it. A moved run answers with the count of
// the run it moved.
func TestFilesReadAreCountedWhenAsked(t *testing.T) {
	base := source.NewSnapshot("/moved", []*source.File{
		{Path: "setup.py", Content: []byte(movedSetup)},
		{Path: "m.c", Content: []byte(movedSource)},
		{Path: "n.c", Content: []byte(movedOther)},
		{Path: "notes.txt", Content: []byte("not a source\n")},
	})
	opts := serverCaches()
	before := analysis.FilesCounted()
	first := movedRunWith(t, opts, base, movedSource, nil)
	call := strings.Replace(movedSource, "    int x = 1;", "    int x = PyLong_AsLong(self);", 1)
	key := movedRunWith(t, opts, base, call, first)
	if key.Moved {
		t.Fatal("a new CPython call moved the findings; the test wants the rules run")
	}
	enter := strings.Replace(call, "    int x", "\n    int x", 1)
	moved := movedRunWith(t, opts, base, enter, key)
	if !moved.Moved {
		t.Fatalf("an Enter did not move the findings: %s", moved.NotMoved)
	}
	if n := analysis.FilesCounted() - before; n != 0 {
		t.Fatalf("three runs nobody asked for the count walked the files %d times", n)
	}
	// setup.py, m.c, n.c and notes.txt.
	for _, r := range []*analysis.Result{first, key, moved, moved} {
		if got := r.Read(); got != 4 {
			t.Errorf("Read() = %d, want 4", got)
		}
	}
	if n := analysis.FilesCounted() - before; n != 2 {
		t.Errorf("the count was made %d times for two runs and a moved one, want 2", n)
	}
}
