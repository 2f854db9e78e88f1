package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// runRules runs the rules on one goroutine per core, each rule's pass
// made by passFor, and returns each rule's findings, in the order it
// emitted them, and its failure ("" for none), by index. The findings of
// the rules are then put together in the rules' order, so a run gives
// what running them one after the other gives: the rules only read the
// model, whose memos and the carry's are guarded.
func runRules(rs []*rules.Rule, passFor func(*rules.Rule) *rules.Pass) ([][]diag.Diagnostic, []string) {
	found := make([][]diag.Diagnostic, len(rs))
	failures := make([]string, len(rs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(rs) {
					return
				}
				pass := passFor(rs[i])
				pass.Emit = func(d diag.Diagnostic) { found[i] = append(found[i], d) }
				failures[i] = runRule(pass)
				pass.Finish()
			}
		})
	}
	wg.Wait()
	return found, failures
}
