package analysis

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// Rules run side by side give each rule's findings in the order it made
// them, by the rule's index, whichever finishes first; a rule that panics
// fails alone.
func TestRunRulesKeepsEachRulesFindings(t *testing.T) {
	var rs []*rules.Rule
	for i := range 6 {
		code := fmt.Sprintf("TEST%d", i)
		rs = append(rs, &rules.Rule{Code: code, Run: func(p *rules.Pass) {
			if i == 3 {
				panic("broken rule")
			}
			for k := range 3 {
				// The first rules finish last.
				time.Sleep(time.Duration(6-i) * time.Millisecond)
				p.Emit(diag.Diagnostic{Code: code, Message: fmt.Sprint(k)})
			}
		}})
	}
	// The first rules are the costliest of the run before: they start
	// first, and finish last.
	before := ruleCosts{"TEST0": {took: 6 * time.Millisecond}, "TEST1": {took: 5 * time.Millisecond}}
	found, failures, costs := runRules(rs, before, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }, nil)
	for i, r := range rs {
		if i == 3 {
			if failures[i] == "" || len(found[i]) != 0 {
				t.Errorf("the broken rule: failure %q, %d findings", failures[i], len(found[i]))
			}
			continue
		}
		if failures[i] != "" {
			t.Errorf("%s failed: %s", r.Code, failures[i])
		}
		if len(found[i]) != 3 || costs[r.Code].found != 3 {
			t.Fatalf("%s: %d findings, %d counted, want 3", r.Code, len(found[i]), costs[r.Code].found)
		}
		for k, d := range found[i] {
			if d.Code != r.Code || d.Message != fmt.Sprint(k) {
				t.Errorf("%s: finding %d is %s %q", r.Code, k, d.Code, d.Message)
			}
		}
	}
}

// A rule's list of findings is sized for as many as it made in the run
// before, rather than grown finding by finding on every key.
func TestRunRulesSizesListsByTheRunBefore(t *testing.T) {
	rs := []*rules.Rule{{Code: "TEST0", Run: func(p *rules.Pass) {
		for k := range 40 {
			p.Emit(diag.Diagnostic{Code: "TEST0", Message: fmt.Sprint(k)})
		}
	}}}
	pass := func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }
	_, _, costs := runRules(rs, nil, pass, nil)
	if costs["TEST0"].found != 40 {
		t.Fatalf("counted %d findings, want 40", costs["TEST0"].found)
	}
	found, _, _ := runRules(rs, costs, pass, nil)
	if cap(found[0]) != 40 {
		t.Errorf("the list's capacity is %d, want the run before's 40", cap(found[0]))
	}
}

// Each rule's findings are handed over on the worker that ran the rule as
// soon as it is over, before the worker starts another rule, so that
// rendering them shares the cores with the rules still running.
func TestRunRulesHandsOverEachRulesFindingsWhenItIsDone(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one worker: events are in order
	var events []string
	var rs []*rules.Rule
	for _, code := range []string{"A", "B", "C"} {
		rs = append(rs, &rules.Rule{Code: code, Run: func(p *rules.Pass) {
			events = append(events, "run "+code)
			p.Emit(diag.Diagnostic{Code: code})
		}})
	}
	found, _, _ := runRules(rs, nil, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }, func(worker int, ds []diag.Diagnostic) {
		if worker != 0 || len(ds) != 1 {
			t.Errorf("worker %d handed %d findings, want worker 0 and 1", worker, len(ds))
		}
		for _, d := range ds {
			events = append(events, "done "+d.Code)
		}
	})
	if got, want := strings.Join(events, ", "), "run A, done A, run B, done B, run C, done C"; got != want {
		t.Errorf("events: %s\nwant: %s", got, want)
	}
	if len(found[1]) != 1 || found[1][0].Code != "B" {
		t.Errorf("B's findings: %+v", found[1])
	}
}

// With several workers, every rule's findings are handed over once, by a
// worker numbered below the count of workers.
func TestRunRulesHandsOverEveryRuleOnce(t *testing.T) {
	workers := min(runtime.GOMAXPROCS(0), 12)
	var mu sync.Mutex
	handed := map[string]int{}
	var rs []*rules.Rule
	for i := range 12 {
		code := fmt.Sprintf("R%d", i)
		rs = append(rs, &rules.Rule{Code: code, Run: func(p *rules.Pass) { p.Emit(diag.Diagnostic{Code: code}) }})
	}
	runRules(rs, nil, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} }, func(worker int, ds []diag.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		if worker < 0 || worker >= workers {
			t.Errorf("worker %d of %d", worker, workers)
		}
		for _, d := range ds {
			handed[d.Code]++
		}
	})
	for _, r := range rs {
		if handed[r.Code] != 1 {
			t.Errorf("%s handed over %d times", r.Code, handed[r.Code])
		}
	}
}
