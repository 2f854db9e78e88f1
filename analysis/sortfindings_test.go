package analysis

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// sortFindings, which moves each finding once along the cycles of the
// order, gives what a stable sort of the findings gives: equal findings
// keep their order (they differ in fields the order does not read).
func TestSortFindingsIsAStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := rng.IntN(60)
		ds := make([]diag.Diagnostic, n)
		for i := range ds {
			ds[i] = diag.Diagnostic{
				Code:     fmt.Sprintf("HPY%d", 200+rng.IntN(3)),
				Location: source.Location{Path: fmt.Sprintf("f%d.c", rng.IntN(4)), Span: source.Span{Start: rng.IntN(5)}},
				Message:  fmt.Sprint(rng.IntN(2)),
				DetailOf: fmt.Sprint(i), // tells equal findings apart
			}
		}
		want := slices.Clone(ds)
		slices.SortStableFunc(want, func(a, b diag.Diagnostic) int { return findingOrder(&a, &b) })
		sortFindings(ds)
		if !reflect.DeepEqual(ds, want) {
			t.Fatalf("round %d: got\n%v\nwant\n%v", round, ds, want)
		}
	}
}
