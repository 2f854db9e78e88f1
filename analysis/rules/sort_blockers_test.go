package rules

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// sortBlockers gives what a stable sort by file and place gives, whether
// a file's places come together (as extensionBlockers finds them) or not.
func TestSortBlockersIsAStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := range 500 {
		var bs []blocker
		together := round%2 == 0
		files := []string{"b.h", "a.c", "c.c", "a.h"}[:1+rng.Intn(4)]
		if together {
			for _, f := range files {
				for k := rng.Intn(12); k > 0; k-- {
					bs = append(bs, blocker{loc: source.Location{Path: f, Span: source.Span{Start: rng.Intn(20)}}, note: string(rune('a' + len(bs)%26))})
				}
			}
		} else {
			for k := rng.Intn(40); k > 0; k-- {
				bs = append(bs, blocker{loc: source.Location{Path: files[rng.Intn(len(files))], Span: source.Span{Start: rng.Intn(20)}}, note: string(rune('a' + len(bs)%26))})
			}
		}
		want := slices.Clone(bs)
		slices.SortStableFunc(want, func(x, y blocker) int {
			if x.loc.Path != y.loc.Path {
				if x.loc.Path < y.loc.Path {
					return -1
				}
				return 1
			}
			return x.loc.Span.Start - y.loc.Span.Start
		})
		sortBlockers(bs)
		if !slices.Equal(bs, want) {
			t.Fatalf("round %d: got %v, want %v", round, bs, want)
		}
	}
}
