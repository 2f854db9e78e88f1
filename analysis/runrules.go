package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// runRules runs the rules on one goroutine per core, each rule's pass
// made by passFor, started longest first by the costs of the run before
// (ruleorder.go), and returns each rule's findings, in the order it
// emitted them, and its failure ("" for none), by index, and what each
// rule took. The findings of the rules are then put together in the
// rules' order, so a run gives what running them one after the other
// gives: the rules only read the model, whose memos and the carry's are
// guarded. done, unless nil, is given each rule's findings on the worker
// that ran it, numbered from 0, as soon as the rule is over (renderers).
func runRules(rs []*rules.Rule, before ruleCosts, passFor func(*rules.Rule) *rules.Pass, done func(worker int, found []diag.Diagnostic)) ([][]diag.Diagnostic, []string, ruleCosts) {
	found := make([][]diag.Diagnostic, len(rs))
	failures := make([]string, len(rs))
	took := make([]time.Duration, len(rs))
	order := startOrder(rs, before)
	var next atomic.Int64
	var wg sync.WaitGroup
	for worker := range min(runtime.GOMAXPROCS(0), len(rs)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(rs) {
					return
				}
				i := order[k]
				began := time.Now()
				pass := passFor(rs[i])
				found[i] = make([]diag.Diagnostic, 0, before[rs[i].Code].found)
				pass.Emit = func(d diag.Diagnostic) { found[i] = append(found[i], d) }
				failures[i] = runRule(pass)
				pass.Finish()
				if done != nil {
					done(worker, found[i])
				}
				took[i] = time.Since(began)
			}
		})
	}
	wg.Wait()
	costs := make(ruleCosts, len(rs))
	for i, r := range rs {
		costs[r.Code] = ruleCost{took: took[i], found: len(found[i])}
	}
	return found, failures, costs
}
