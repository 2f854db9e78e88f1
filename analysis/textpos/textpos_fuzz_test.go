package textpos

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// Every offset on a character boundary survives offset → (line, column) →
// offset in each encoding, on arbitrary bytes: invalid UTF-8 (each invalid
// byte counts as one character, as Position counts it), CRLF and lone CRs.
// The one offset that has no position of its own is the one between a
// "\r" and the "\n" after it: a line ends before its "\r\n" (LineEnd).
//
// Two gaps are known and left out until they are fixed (issue 13, fuzz
// report): the end of a content whose last byte is a "\r" maps back to
// before that "\r" (LineEnd strips it from the last line too), and in UTF8
// columns an offset at a stray continuation byte (Latin-1 "©" is 0xA9)
// rounds down to the byte before it (Offset trusts utf8.RuneStart).
// Edited gives the index New gives.
func FuzzRoundTrip(f *testing.F) {
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() || filepath.Ext(path) != ".c" {
			return err
		}
		if src, err := os.ReadFile(path); err == nil && len(src) <= 4<<10 {
			f.Add(src, uint16(len(src)/2), uint8(3), "x\r\n")
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("a\n😀é x\r\nlast"), uint16(3), uint8(2), "\xff")
	f.Add([]byte("cr\ronly\rlines\r"), uint16(0), uint8(0), "\n")
	f.Add([]byte("\xe9t\xe9\xa9\x80\xed\xa0\x80\xf0\x9f\x98"), uint16(4), uint8(1), "é")
	f.Fuzz(func(t *testing.T, content []byte, at uint16, cut uint8, text string) {
		if len(content) > 64<<10 || len(text) > 1<<10 {
			t.Skip("larger than a fuzz input may be")
		}
		x := New(content)
		roundTrips(t, x, content)

		start := int(at) % (len(content) + 1)
		end := min(len(content), start+int(cut))
		edited := append(append(append([]byte(nil), content[:start]...), text...), content[end:]...)
		got, want := x.Edited(edited, start, end, []byte(text)), New(edited)
		if got.Lines() != want.Lines() {
			t.Fatalf("Edited has %d lines, New %d", got.Lines(), want.Lines())
		}
		for l := 0; l < want.Lines(); l++ {
			if got.LineStart(l) != want.LineStart(l) {
				t.Fatalf("line %d starts at %d after Edited, %d after New", l, got.LineStart(l), want.LineStart(l))
			}
		}
	})
}

func roundTrips(t *testing.T, x *Index, content []byte) {
	t.Helper()
	for off := 0; off <= len(content); {
		afterCR := off > 0 && content[off-1] == '\r'
		if !(afterCR && (off == len(content) || content[off] == '\n')) {
			for _, enc := range []Encoding{Runes, UTF16, UTF8} {
				if enc == UTF8 && off < len(content) && !utf8.RuneStart(content[off]) {
					continue
				}
				line, col := x.Position(off, enc)
				if back := x.Offset(line, col, enc); back != off {
					t.Fatalf("offset %d → line %d col %d (encoding %d) → offset %d in %q", off, line, col, enc, back, content)
				}
			}
		}
		if off == len(content) {
			break
		}
		_, size := utf8.DecodeRune(content[off:])
		off += size
	}
}
