package lsp

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sortOpenFirst puts the open paths first, each part by path: what a sort
// by (not open, path) gives.
func TestSortOpenFirstOrdersOpenThenByPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var paths []string
		open := map[string]int32{}
		for i := range rng.IntN(30) {
			p := fmt.Sprintf("/w/%c/f%d.c", 'a'+rune(rng.IntN(5)), rng.IntN(50)+i*100)
			paths = append(paths, p)
			if rng.IntN(4) == 0 {
				open[p] = 1
			}
		}
		want := slices.Clone(paths)
		slices.SortFunc(want, func(a, b string) int {
			_, ao := open[a]
			_, bo := open[b]
			if ao != bo {
				if ao {
					return -1
				}
				return 1
			}
			return strings.Compare(a, b)
		})
		got := slices.Clone(paths)
		sortOpenFirst(got, open)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: got %v, want %v", round, got, want)
		}
	}
}
