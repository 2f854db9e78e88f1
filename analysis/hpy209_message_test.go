package analysis_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// HPY209 names first a place in the extension's own sources, where a
// porter starts, even when a header it includes sorts before them.
func TestNotUniversalReadyNamesASourceFirst(t *testing.T) {
	res := runTree(t, filepath.Join("..", "testdata", "rules", "HPY209", "first_place_in_source"))
	for _, d := range res.Diagnostics {
		if d.Code != "HPY209" {
			continue
		}
		if !strings.Contains(d.Message, "(first: src/meter.c:7)") || len(d.Related) != 3 {
			t.Errorf("%s (%d related)", d.Message, len(d.Related))
		}
		return
	}
	t.Fatal("no HPY209")
}

// A CPython call behind a test of Python's version is not compiled in a
// universal build of a source that includes no Python header: HPY209
// counts only the call that is.
func TestNotUniversalReadyLeavesOutVersionGatedCalls(t *testing.T) {
	res := runTree(t, filepath.Join("..", "testdata", "rules", "HPY209", "python_version_gates"))
	var found []string
	for _, d := range res.Diagnostics {
		if d.Code == "HPY209" {
			found = append(found, d.Message)
			if !strings.HasPrefix(d.Message, "clock cannot build on PyPy/GraalPy until 1 place is ported (first: src/clock.c:11)") || len(d.Related) != 1 {
				t.Errorf("%s (%d related)", d.Message, len(d.Related))
			}
		}
	}
	if len(found) != 1 {
		t.Errorf("want one HPY209 (clock), got %q", found)
	}
}
