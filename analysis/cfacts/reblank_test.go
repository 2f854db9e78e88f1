package cfacts

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// reblank must leave exactly what blank makes of the new text, and report
// a range holding every byte it changed, whatever the edit did to the macros: moved them,
// cut into them, joined or removed them.
func TestReblankMatchesBlank(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	text := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab(\n\r)"[rng.IntN(6)]
		}
		return b
	}
	spans := func(n int) []source.Span {
		var out []source.Span
		for at := rng.IntN(8); at < n; {
			end := min(n, at+1+rng.IntN(10))
			out = append(out, source.Span{Start: at, End: end})
			at = end + rng.IntN(12)
		}
		return out
	}
	for step := range 5000 {
		src := text(20 + rng.IntN(80))
		old := spans(len(src))
		parsed := blank(src, old)

		start := rng.IntN(len(src) + 1)
		end := start + rng.IntN(min(10, len(src)-start)+1)
		ins := text(rng.IntN(8))
		m := shiftMap{start: start, oldEnd: end, newEnd: start + len(ins)}
		src = slices.Concat(src[:start], ins, src[end:])
		parsed = slices.Concat(parsed[:start], ins, parsed[end:])
		for i := range old {
			old[i] = source.Span{Start: m.pos(old[i].Start), End: m.pos(old[i].End)}
		}
		cur := spans(len(src))
		if rng.IntN(3) == 0 {
			cur = old // the same macros, one of them maybe edited
		}

		before := bytes.Clone(parsed)
		a, b, ok := reblank(parsed, src, old, cur, source.Span{Start: start, End: m.newEnd})
		want := blank(src, cur)
		if !bytes.Equal(parsed, want) {
			t.Fatalf("step %d: reblank gave %q, want %q", step, parsed, want)
		}
		wa, wb, wok := diffRange(before, parsed)
		if wok && (!ok || a > wa || b < wb) {
			t.Fatalf("step %d: reported change [%d,%d) %v, bytes changed in [%d,%d) %v", step, a, b, ok, wa, wb, wok)
		}
	}
}

// diffRange is the smallest [a, b) outside which two equally long texts
// agree; ok is false when they are equal.
func diffRange(old, cur []byte) (int, int, bool) {
	if len(old) != len(cur) {
		return 0, len(cur), true
	}
	a := 0
	for a < len(cur) && old[a] == cur[a] {
		a++
	}
	if a == len(cur) {
		return 0, 0, false
	}
	b := len(cur)
	for b > a && old[b-1] == cur[b-1] {
		b--
	}
	return a, b, true
}
