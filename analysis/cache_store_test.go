package analysis_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/factstore"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// A FactsCache on a store saves what it parses and, in a later process
// (a new cache on the same store), parses nothing it finds there: the
// findings are the same.
func TestFactsCacheOnAStore(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := factstore.Open(t.TempDir(), "test build", func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	run := func(opts analysis.Options) *analysis.Result {
		snap, errs := workspace.Load(dir, []string{"."}, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return analysis.Run(context.Background(), snap, opts)
	}
	plain := run(analysis.Options{})
	first := run(analysis.Options{Cache: analysis.NewFactsCacheOn(store)})
	st := store.Stats()
	if st.Writes == 0 || st.Hits != 0 || st.Misses != st.Writes {
		t.Fatalf("first run: %+v, want a write per miss", st)
	}
	second := run(analysis.Options{Cache: analysis.NewFactsCacheOn(store)})
	again := store.Stats()
	if again.Hits != st.Writes || again.Writes != st.Writes || again.Misses != st.Misses {
		t.Errorf("second run: %+v after %+v, want every file read back and none parsed", again, st)
	}
	for _, r := range []*analysis.Result{first, second} {
		if !reflect.DeepEqual(r.Diagnostics, plain.Diagnostics) || r.Files != plain.Files || r.Read() != plain.Read() {
			t.Errorf("findings with the store differ from those without")
		}
	}
	if len(plain.Diagnostics) == 0 {
		t.Error("no findings: the test compares nothing")
	}
}
