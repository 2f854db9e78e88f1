package analysis

import (
	"cmp"
	"slices"
	"time"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// The rules run on one goroutine per core, each taking the next rule not
// yet started. Taken in the rules' own order, the costliest came last in
// numpy-hpy: HPY209 and the call graph of HPY301 (1.4 and 1.9 ms of a key)
// started 1.2 and 1.6 ms into the rules, and one core idled while the
// other finished them. Started longest first, as the run before measured
// them, the rules of a key there took 0.8 ms less. The findings are put
// together in the rules' order whatever the order they ran in
// (runRules), so the order changes no output.

// ruleCosts is how long each rule of a run took, by code, waits for work
// another rule shares included.
type ruleCosts map[string]time.Duration

// startOrder is the order in which to start rs: longest first by the
// costs of the run before, rules it did not run (or no run before) after
// them, in their own order.
func startOrder(rs []*rules.Rule, before ruleCosts) []int {
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(before[rs[b].Code], before[rs[a].Code])
	})
	return order
}
