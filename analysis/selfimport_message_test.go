package analysis_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// Importing the extension's own package during its initialisation returns
// the half-initialised package; unlike importing the module itself it does
// not recurse, and the message must not say it does.
func TestSelfImportMessages(t *testing.T) {
	for dir, want := range map[string]struct{ has, hasNot string }{
		"exec_imports_own_package": {has: "half-initialised", hasNot: "recurses"},
		"recursion":                {has: "recurses", hasNot: "returns it half-initialised"},
	} {
		snap, errs := workspace.Load(filepath.Join("..", "testdata", "rules", "HPY303", dir), []string{"."}, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		res := analysis.Run(context.Background(), snap, analysis.Options{Workers: 1})
		found := false
		for _, d := range res.Diagnostics {
			if d.Code != "HPY303" {
				continue
			}
			found = true
			if !strings.Contains(d.Message, want.has) || strings.Contains(d.Message, want.hasNot) {
				t.Errorf("%s: %s", dir, d.Message)
			}
		}
		if !found {
			t.Errorf("%s: no HPY303", dir)
		}
	}
}
