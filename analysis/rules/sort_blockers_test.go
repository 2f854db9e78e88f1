package rules

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// mergeBlockers gives what a stable sort by file and place of its lists,
// one after the other, gives: whether each list holds one file's places
// in order (as extensionBlockers finds them), or places of several files
// in any order, a file's places spread over several lists; and it leaves
// the lists as they were.
func TestMergeBlockersIsAStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := range 500 {
		var lists [][]blocker
		n := 0
		place := func(path string) blocker {
			n++
			return blocker{Location: source.Location{Path: path, Span: source.Span{Start: rng.Intn(20)}}, Message: string(rune('a' + n%26))}
		}
		files := []string{"b.h", "a.c", "c.c", "a.h"}[:1+rng.Intn(4)]
		if round%2 == 0 {
			for _, f := range files {
				var l []blocker
				for k := rng.Intn(12); k > 0; k-- {
					l = append(l, place(f))
				}
				slices.SortStableFunc(l, func(x, y blocker) int { return x.Location.Span.Start - y.Location.Span.Start })
				lists = append(lists, l)
			}
		} else {
			for k := rng.Intn(6); k > 0; k-- {
				var l []blocker
				for j := rng.Intn(8); j > 0; j-- {
					l = append(l, place(files[rng.Intn(len(files))]))
				}
				lists = append(lists, l)
			}
		}
		before := make([][]blocker, len(lists))
		for i, l := range lists {
			before[i] = slices.Clone(l)
		}
		want := slices.Concat(lists...)
		slices.SortStableFunc(want, func(x, y blocker) int {
			if x.Location.Path != y.Location.Path {
				if x.Location.Path < y.Location.Path {
					return -1
				}
				return 1
			}
			return x.Location.Span.Start - y.Location.Span.Start
		})
		got := mergeBlockers(lists)
		if !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("round %d: got %v, want %v", round, got, want)
		}
		for i := range lists {
			if !slices.Equal(lists[i], before[i]) {
				t.Fatalf("round %d: list %d changed from %v to %v", round, i, before[i], lists[i])
			}
		}
	}
}
