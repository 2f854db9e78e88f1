package analysis_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cpyapi"
)

// What holds in every real project named by HPYLINT_REAL_TREES, whatever
// its build: the ports are complete, valid code, so no file is reported
// unreadable or truncated, and HPY201 (a finding of its own, or a place an
// HPY209 counts) names only what CPython's headers declare.
func TestRealTreesPrecision(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES is not set: no real HPy ports to check")
	}
	for _, dir := range strings.Split(trees, ":") {
		if dir == "" {
			continue
		}
		t.Run(filepath.Base(filepath.Clean(dir)), func(t *testing.T) {
			res := runTree(t, dir)
			for _, f := range res.Failures {
				t.Errorf("internal failure: %s", f)
			}
			refs := 0
			for _, d := range res.Diagnostics {
				line := res.Project.Lines(d.Location.Path).Line(d.Location.Span.Start) + 1
				switch d.Code {
				case "HPY003":
					t.Errorf("%s:%d: HPY003 on a real file: %s", d.Location.Path, line, d.Message)
				case "HPY201":
					refs++
					if name, _, _ := strings.Cut(d.Message, " "); !cpyapi.DeclaredByCPython(name) {
						t.Errorf("%s:%d: HPY201 on %s, which no CPython header declares", d.Location.Path, line, name)
					}
				}
			}
			t.Logf("%d findings, %d CPython references", len(res.Diagnostics), refs)
		})
	}
}
