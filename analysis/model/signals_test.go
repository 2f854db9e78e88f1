package model

import (
	"math/rand"
	"testing"
)

// SameSignals, which reads only around the edit, must agree with
// comparing the Signals of both texts whole.
func TestSameSignalsAgreesWithSignalsOf(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"HPy", "_MODINIT", "HPy_MODINIT", "hpy", ".h", "hpy.h", "PyInit_", "Py", "Init_", "x", "\n", ""}
	text := "static int x;\n"
	for i := range 20000 {
		start := rng.Intn(len(text) + 1)
		end := min(len(text), start+rng.Intn(12))
		piece := pieces[rng.Intn(len(pieces))]
		next := text[:start] + piece + text[end:]
		got := SameSignals([]byte(text), []byte(next), start, end, start+len(piece))
		if want := SignalsOf([]byte(text)) == SignalsOf([]byte(next)); got != want {
			t.Fatalf("edit %d: %q -> %q: SameSignals = %v, want %v", i, text, next, got, want)
		}
		text = next
		if len(text) > 400 {
			text = "static int x;\n"
		}
	}
}
