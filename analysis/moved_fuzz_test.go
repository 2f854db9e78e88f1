package analysis_test

import (
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
)

// FuzzMovedFindings: any edit of the project's source, the previous run
// given and the new text's facts provided, gives what a fresh run gives,
// whether the findings were moved or the rules ran.
func FuzzMovedFindings(f *testing.F) {
	f.Add(uint16(100), uint8(0), "\n")
	f.Add(uint16(300), uint8(0), " ")
	f.Add(uint16(420), uint8(2), "")
	f.Add(uint16(700), uint8(0), "/* x */")
	f.Add(uint16(900), uint8(1), "\n\n")
	f.Fuzz(func(t *testing.T, at uint16, removed uint8, inserted string) {
		for _, setup := range []string{movedSetup, pinnedSetup} {
			base := movedSnapshotWith(setup, movedSource)
			caches := serverCaches()
			prev := movedRunWith(t, caches, base, movedSource, nil)
			start := int(at) % (len(movedSource) + 1)
			end := min(len(movedSource), start+int(removed%8))
			text := movedSource[:start] + inserted + movedSource[end:]
			got := movedRunWith(t, caches, base, text, prev)
			fresh := analysis.Run(context.Background(), movedSnapshotWith(setup, text), analysis.Options{})
			sameFindings(t, "the edit", got.Diagnostics, fresh.Diagnostics)
		}
	})
}
