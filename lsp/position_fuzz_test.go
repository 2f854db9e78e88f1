package lsp

import (
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// The server's position conversions round-trip on arbitrary bytes (buffers
// are valid UTF-8, files on disk need not be) in every encoding: a span
// becomes a range and comes back as the same span, for every pair of
// offsets on character boundaries; a reversed range gives the span in
// order. Left out, as in textpos's FuzzRoundTrip: offsets inside a "\r\n",
// after a final "\r", and (in UTF-8 columns) at a stray continuation byte.
func FuzzPositionRoundTrip(f *testing.F) {
	f.Add([]byte("a\n😀é x\r\nlast"), uint8(1), uint16(2), uint16(9))
	f.Add([]byte("static int x;\r\nHPy_MODINIT(m, d)"), uint8(1), uint16(0), uint16(31))
	f.Add([]byte("\xe9t\xe9\r\xa9\n\x80\xed\xa0\x80\xf0\x9f\x98"), uint8(2), uint16(4), uint16(1))
	f.Fuzz(func(t *testing.T, content []byte, encByte uint8, a, b uint16) {
		if len(content) > 64<<10 {
			t.Skip("larger than a fuzz input may be")
		}
		enc := []textpos.Encoding{textpos.UTF16, textpos.UTF8, textpos.Runes}[int(encByte)%3]
		x := textpos.New(content)
		var offs []int
		for off := 0; ; {
			if hasPosition(content, off, enc) {
				offs = append(offs, off)
			}
			if off == len(content) {
				break
			}
			_, size := utf8.DecodeRune(content[off:])
			off += size
		}
		for _, off := range offs {
			if back := toOffset(x, toPosition(x, off, enc), enc); back != off {
				t.Fatalf("offset %d → %v → %d", off, toPosition(x, off, enc), back)
			}
		}
		if len(offs) == 0 {
			return
		}
		start, end := offs[int(a)%len(offs)], offs[int(b)%len(offs)]
		if end < start {
			start, end = end, start
		}
		sp := source.Span{Start: start, End: end}
		r := toRange(x, sp, enc)
		if got := toSpan(x, r, enc); got != sp {
			t.Fatalf("span %v → %v → %v", sp, r, got)
		}
		if got := toSpan(x, protocol.Range{Start: r.End, End: r.Start}, enc); got != sp {
			t.Fatalf("reversed range of %v gave %v", sp, got)
		}
	})
}

func hasPosition(content []byte, off int, enc textpos.Encoding) bool {
	if off > 0 && content[off-1] == '\r' && (off == len(content) || content[off] == '\n') {
		return false
	}
	return !(enc == textpos.UTF8 && off < len(content) && !utf8.RuneStart(content[off]))
}
