package main

import (
	"slices"
	"testing"
)

// TestPlanLinesMoveAFinding: every planned Enter is at or above the last
// finding, every planned letter on a finding's line, the same lines for
// the same seed, and spread lines are not all one.
func TestPlanLinesMoveAFinding(t *testing.T) {
	findings := []int{40, 10, 300, 10, 120}
	for _, key := range []string{"enter", "char"} {
		plan, err := planLines(findings, 1000, 200, key, true, 7)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := planLines(findings, 1000, 200, key, true, 7)
		other, _ := planLines(findings, 1000, 200, key, true, 8)
		if !slices.Equal(plan, again) || slices.Equal(plan, other) {
			t.Errorf("%s: the plan does not follow the seed", key)
		}
		distinctLines := map[int]bool{}
		for _, l := range plan {
			distinctLines[l] = true
			if key == "enter" && (l < 0 || l > 300) {
				t.Errorf("enter at line %d, below the last finding (300)", l)
			}
			if key == "char" && !slices.Contains(findings, l) {
				t.Errorf("letter at line %d, where no finding is", l)
			}
		}
		if len(distinctLines) < 3 {
			t.Errorf("%s: spread over %d lines only", key, len(distinctLines))
		}
		at, _ := planLines(findings, 1000, 5, key, false, 7)
		if !slices.Equal(at, []int{300, 300, 300, 300, 300}) {
			t.Errorf("%s without spread: %v, want the finding nearest the middle (300) each time", key, at)
		}
	}
	if _, err := planLines(nil, 1000, 5, "char", true, 1); err == nil {
		t.Error("letters with no finding to move: no error")
	}
}

func TestInsertAtLine(t *testing.T) {
	for _, c := range []struct {
		line int
		want string
	}{{0, "\na\nb\n"}, {1, "a\n\nb\n"}, {2, "a\nb\n\n"}, {9, "a\nb\n\n"}} {
		if got := string(insertAtLine([]byte("a\nb\n"), c.line, "\n")); got != c.want {
			t.Errorf("line %d: %q, want %q", c.line, got, c.want)
		}
	}
}
