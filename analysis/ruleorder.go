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

// ruleCosts is what each rule of a run cost, by code.
type ruleCosts map[string]ruleCost

// ruleCost is how long a rule took, waits for work another rule shares
// included, and how many findings it made: the next run sizes the rule's
// list for as many (HPY209 makes one an extension, 400 in a workspace of
// 2,000 files, whose list grew on every key).
type ruleCost struct {
	took  time.Duration
	found int
}

// startOrder is the order in which to start rs: longest first by the
// costs of the run before, rules it did not run (or no run before) after
// them, in their own order.
func startOrder(rs []*rules.Rule, before ruleCosts) []int {
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(before[rs[b].Code].took, before[rs[a].Code].took)
	})
	return order
}
