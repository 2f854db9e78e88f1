package analysis

import (
	"fmt"
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
	before := ruleCosts{"TEST0": 6 * time.Millisecond, "TEST1": 5 * time.Millisecond}
	found, failures, _ := runRules(rs, before, func(r *rules.Rule) *rules.Pass { return &rules.Pass{Rule: r} })
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
		if len(found[i]) != 3 {
			t.Fatalf("%s: %d findings, want 3", r.Code, len(found[i]))
		}
		for k, d := range found[i] {
			if d.Code != r.Code || d.Message != fmt.Sprint(k) {
				t.Errorf("%s: finding %d is %s %q", r.Code, k, d.Code, d.Message)
			}
		}
	}
}
