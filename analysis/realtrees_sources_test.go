package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// realTree returns the checkout named name among HPYLINT_REAL_TREES
// (colon-separated directories), or skips.
func realTree(t *testing.T, name string) string {
	t.Helper()
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES is not set: no real ports to check")
	}
	for _, dir := range strings.Split(trees, ":") {
		if filepath.Base(filepath.Clean(dir)) == name {
			return dir
		}
	}
	t.Skipf("HPYLINT_REAL_TREES names no %s checkout", name)
	return ""
}

func runTree(t *testing.T, dir string) *analysis.Result {
	t.Helper()
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return analysis.Run(context.Background(), snap, analysis.Options{Workers: 2})
}

func extensionNamed(t *testing.T, p *model.Project, name string) *model.Extension {
	t.Helper()
	for _, e := range p.Extensions {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no extension %s", name)
	return nil
}

func hasUnit(e *model.Extension, path string) bool {
	for _, u := range e.Units {
		if u.Path == path {
			return true
		}
	}
	return false
}

// numpy-hpy declares _multiarray_umath in a numpy.distutils configuration()
// with source lists built from variables and join(...).
func TestRealNumpySourceList(t *testing.T) {
	res := runTree(t, realTree(t, "numpy-hpy"))
	e := extensionNamed(t, res.Project, "numpy.core._multiarray_umath")
	if !e.HPy || len(e.Units) < 50 || len(e.Decl.Generated) == 0 {
		t.Errorf("_multiarray_umath: hpy=%v, %d sources, %d generated", e.HPy, len(e.Units), len(e.Decl.Generated))
	}
	for _, p := range []string{"numpy/core/src/multiarray/arrayobject.c", "numpy/core/src/multiarray/datetime.c", "numpy/core/src/umath/ufunc_object.c"} {
		if !hasUnit(e, p) {
			t.Errorf("%s is not a source of _multiarray_umath", p)
		}
	}
	var arrayobject, datetime bool
	for _, d := range res.Diagnostics {
		switch {
		case d.Location.Path == "numpy/core/src/multiarray/arrayobject.c" && strings.HasPrefix(d.Code, "HPY20"):
			arrayobject = true
		case d.Location.Path == "numpy/core/src/multiarray/datetime.c" && d.Code == "HPY301":
			datetime = true
		case d.Code == "HPY403":
			t.Errorf("HPY403 at %s: %s", d.Location.Path, d.Message)
		}
	}
	if !arrayobject || !datetime {
		t.Errorf("HPY20x in arrayobject.c: %v; HPY301 in datetime.c: %v", arrayobject, datetime)
	}
}

// pillow-hpy appends PIL._imaging's sources in loops over literal tuples.
func TestRealPillowSourceList(t *testing.T) {
	res := runTree(t, realTree(t, "pillow-hpy"))
	e := extensionNamed(t, res.Project, "PIL._imaging")
	for _, p := range []string{"src/decode.c", "src/encode.c", "src/path.c", "src/libImaging/Pack.c"} {
		if !hasUnit(e, p) {
			t.Errorf("%s is not a source of PIL._imaging", p)
		}
	}
	morph := false
	for _, d := range res.Diagnostics {
		if d.Code == "HPY403" || d.Code == "HPY405" {
			t.Errorf("%s at %s: %s", d.Code, d.Location.Path, d.Message)
		}
		if d.Code == "HPY202" && d.Location.Path == "src/_imagingmorph.c" && res.Project.Lines(d.Location.Path).Line(d.Location.Span.Start) == 14 {
			morph = true
		}
	}
	if !morph {
		t.Error("the HPY202 at src/_imagingmorph.c:15 is gone")
	}
}
