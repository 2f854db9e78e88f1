package analysis

import (
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// RunBuffer runs the engine over base with f as an open C buffer is
// given to it (its facts provided), prev as the run before, as the
// language server does on a key.
func RunBuffer(t testing.TB, base *source.Snapshot, opts Options, f *source.File, prev *Result) *Result {
	t.Helper()
	facts, err := cfacts.Extract(cfacts.C, f.Content)
	if err != nil {
		t.Fatal(err)
	}
	opts.Provided, opts.Previous = map[string]*cfacts.Facts{f.Path: facts}, prev
	return Run(context.Background(), base.With(f), opts)
}
