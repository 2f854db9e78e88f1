package textpos

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPositionsOnNonBMPLine(t *testing.T) {
	content := []byte("a\n😀é x\r\nlast")
	x := New(content)
	xOff := len("a\n😀é ")
	cases := []struct {
		enc  Encoding
		line int
		col  int
	}{{Runes, 1, 3}, {UTF16, 1, 4}, {UTF8, 1, 7}}
	for _, c := range cases {
		line, col := x.Position(xOff, c.enc)
		if line != c.line || col != c.col {
			t.Errorf("enc %d: got %d:%d, want %d:%d", c.enc, line, col, c.line, c.col)
		}
		if back := x.Offset(c.line, c.col, c.enc); back != xOff {
			t.Errorf("enc %d: Offset gave %d, want %d", c.enc, back, xOff)
		}
	}
	// A UTF-16 column inside the surrogate pair rounds down to the emoji.
	if got := x.Offset(1, 1, UTF16); got != 2 {
		t.Errorf("mid-surrogate offset = %d, want 2", got)
	}
	// Past the end of the line clamps before "\r\n".
	if got := x.Offset(1, 99, UTF16); got != len("a\n😀é x") {
		t.Errorf("clamped offset = %d", got)
	}
	if got := x.Offset(5, 0, Runes); got != len(content) {
		t.Errorf("line past end = %d", got)
	}
	if x.Line(len(content)) != 2 || x.Lines() != 3 {
		t.Errorf("lines wrong: %d %d", x.Line(len(content)), x.Lines())
	}
}

// Edited must index exactly what New indexes, whatever the edit: at a line
// start or end, across lines, inserting or removing newlines, at the ends.
func TestEditedMatchesNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte("ab\n\r😀")
	randText := func(n int) []byte {
		var b []byte
		for range n {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		return b
	}
	content := randText(200)
	x := New(content)
	for step := range 2000 {
		start := rng.IntN(len(content) + 1)
		end := start + rng.IntN(min(8, len(content)-start)+1)
		text := randText(rng.IntN(6))
		next := append(append(append([]byte{}, content[:start]...), text...), content[end:]...)
		x = x.Edited(next, start, end, text)
		want := New(next)
		if !slices.Equal(x.lineStarts, want.lineStarts) {
			t.Fatalf("step %d: replace [%d,%d) by %q: line starts %v, want %v", step, start, end, text, x.lineStarts, want.lineStarts)
		}
		content = next
	}
}

// A lone CR ends a line (old Mac files), as for GCC, LSP and SARIF; the CR
// of a CRLF does not start a line of its own.
func TestLoneCREndsALine(t *testing.T) {
	content := []byte("a\rbc\r\nd\r\re\r")
	x := New(content)
	wantStarts := []int{0, 2, 6, 8, 9, 11}
	if !slices.Equal(x.lineStarts, wantStarts) {
		t.Fatalf("line starts %v, want %v", x.lineStarts, wantStarts)
	}
	for line, end := range []int{1, 4, 7, 8, 10, 11} {
		if got := x.LineEnd(line); got != end {
			t.Errorf("LineEnd(%d) = %d, want %d", line, got, end)
		}
	}
	if line, col := x.Position(len("a\rbc\r\nd\r\re"), Runes); line != 4 || col != 1 {
		t.Errorf("position of the last CR: %d:%d, want 4:1", line, col)
	}
	if got := x.Offset(1, 99, UTF16); got != 4 {
		t.Errorf("clamped offset = %d, want 4 (before the CRLF)", got)
	}
}

// A byte that is not valid UTF-8 (a Latin-1 é in a comment) counts as one
// column in characters and UTF-16 units, its byte in UTF-8, and offsets go
// back to it exactly.
func TestInvalidUTF8ByteIsOneColumn(t *testing.T) {
	content := []byte("/* caf\xe9 \xa9 */ x\n")
	x := New(content)
	xOff := len("/* caf\xe9 \xa9 */ ")
	for _, c := range []struct {
		enc Encoding
		col int
	}{{Runes, 13}, {UTF16, 13}, {UTF8, 13}} {
		if _, col := x.Position(xOff, c.enc); col != c.col {
			t.Errorf("enc %d: column %d, want %d", c.enc, col, c.col)
		}
		if back := x.Offset(0, c.col, c.enc); back != xOff {
			t.Errorf("enc %d: Offset gave %d, want %d", c.enc, back, xOff)
		}
	}
	// The lone continuation byte \xa9 is a character of its own: its
	// offset is its column, not the é before it.
	at := len("/* caf\xe9 ")
	for _, enc := range []Encoding{Runes, UTF16, UTF8} {
		if back := x.Offset(0, at, enc); back != at {
			t.Errorf("enc %d: offset of \\xa9 = %d, want %d", enc, back, at)
		}
	}
}

// Of tells an index of the very bytes from one of a copy or of other text:
// a caller may reuse an index only for the text it was made of.
func TestIndexOf(t *testing.T) {
	content := []byte("int a;\nint b;\n")
	x := New(content)
	if !x.Of(content) {
		t.Error("an index is not of the text it was made of")
	}
	if x.Of(bytes.Clone(content)) {
		t.Error("an index is of a copy of its text")
	}
	if x.Of(content[:len(content)-1]) {
		t.Error("an index is of a shorter text")
	}
	if !New(nil).Of([]byte{}) {
		t.Error("an index of no text is not of an empty one")
	}
}
