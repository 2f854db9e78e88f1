package lsp

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// onLinesOf compares offsets instead of looking up lines (a quick fix
// asked while typing tests every finding of the file): every span of a
// few texts is on the asked lines exactly when its lines say so.
func TestOnLinesOfAgreesWithTheLines(t *testing.T) {
	for _, text := range []string{"", "a", "ab\ncd\n", "ab\r\ncd\r\n\r\nef", "\n\n\n"} {
		x := textpos.New([]byte(text))
		n := len(text) + 2 // past the end too: spans are clamped
		for ws := range n {
			for we := ws; we < n; we++ {
				shown := onLinesOf(x, source.Span{Start: ws, End: we})
				first, last := x.Line(ws), x.Line(we)
				for s := range n {
					for e := s; e < n; e++ {
						sp := source.Span{Start: s, End: e}
						want := x.Line(e) >= first && x.Line(s) <= last
						if got := shown(sp); got != want {
							t.Fatalf("%q: span %v on the lines of %d-%d: got %v, want %v", text, sp, ws, we, got, want)
						}
					}
				}
			}
		}
	}
}
