package tsalloc_test

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/tsalloc"
	"github.com/hpyproject/hpylint/analysis/tsalloc/arenas"
)

// TestTrimOnGlibc: the glibc test once came before any glibc header, so
// Trim compiled to nothing on glibc too.
func TestTrimOnGlibc(t *testing.T) {
	if glibc := arenas.Count() >= 0; tsalloc.Trims() != glibc {
		t.Errorf("Trim gives memory back: %v; on glibc: %v", tsalloc.Trims(), glibc)
	}
	tsalloc.Trim()
}
