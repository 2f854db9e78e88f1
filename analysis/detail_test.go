package analysis_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// An extension whose ABI depends on the interpreter gets one HPY209; each
// place it counts is still a finding of its own rule, marked as a detail
// of that summary, at the place of one of its related locations.
func TestDetails(t *testing.T) {
	dir := filepath.Join("..", "testdata", "rules", "HPY209", "interpreter_dependent")
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res := analysis.Run(context.Background(), snap, analysis.Options{Workers: 2})
	var summary *diag.Diagnostic
	details := map[diag.Related]bool{}
	for i, d := range res.Diagnostics {
		switch {
		case d.Code == "HPY209":
			summary = &res.Diagnostics[i]
		case d.DetailOf == "HPY209":
			details[diag.Related{Location: d.Location}] = true
		}
	}
	if summary == nil {
		t.Fatal("no HPY209")
	}
	if len(details) == 0 || len(details) != len(summary.Related) {
		t.Errorf("%d details for %d related locations", len(details), len(summary.Related))
	}
	for _, r := range summary.Related {
		if !details[diag.Related{Location: r.Location}] {
			t.Errorf("related %s %v (%s) has no detail finding", r.Location.Path, r.Location.Span, r.Message)
		}
	}

	// Without the summary rule, the places stand alone again.
	res = analysis.Run(context.Background(), snap, analysis.Options{Workers: 2, Select: []string{"HPY201"}})
	if len(res.Diagnostics) == 0 {
		t.Fatal("no HPY201 with --select HPY201")
	}
	for _, d := range res.Diagnostics {
		if d.DetailOf != "" {
			t.Errorf("%s at %s:%v is still a detail of %s, which is not enabled", d.Code, d.Location.Path, d.Location.Span, d.DetailOf)
		}
	}
}
