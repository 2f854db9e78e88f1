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
