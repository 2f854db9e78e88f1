// Package textpos is the one place where byte offsets become lines and
// columns, and back. The CLI and JSON count columns in Unicode characters,
// LSP clients in UTF-16 code units or UTF-8 bytes, SARIF in UTF-16 units.
// Lines end at "\n", "\r\n" or a lone "\r", as for GCC, LSP and SARIF. A
// byte that is not part of valid UTF-8 (Latin-1 text) is one character
// and one UTF-16 unit, as a decoder replacing it with U+FFFD counts it.
package textpos

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Encoding is the unit a column is counted in.
type Encoding int

const (
	Runes Encoding = iota // Unicode characters (CLI, JSON)
	UTF16                 // UTF-16 code units (LSP default, SARIF)
	UTF8                  // bytes (LSP when negotiated)
)

// Index maps offsets of one file's content to positions. Build it once per
// content; it is immutable and safe to share.
type Index struct {
	content    []byte
	lineStarts []int
}

// New indexes content.
func New(content []byte) *Index {
	if bytes.IndexByte(content, '\r') < 0 {
		return newLF(content)
	}
	return newAny(content)
}

// newAny is New for any text, a byte at a time.
func newAny(content []byte) *Index {
	starts := make([]int, 1, 64)
	for i, b := range content {
		if b == '\n' || b == '\r' && endsLine(content, i) {
			starts = append(starts, i+1)
		}
	}
	return &Index{content: content, lineStarts: starts}
}

// endsLine reports whether content[i] ends a line: a LF, or a CR no LF
// follows.
// newLF is New for text without a carriage return, where only '\n' ends a
// line: a search for each, not a test of every byte (a 500-file report
// indexes 10 MB of sources).
func newLF(content []byte) *Index {
	starts := make([]int, 1, bytes.Count(content, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(content[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Index{content: content, lineStarts: starts}
}

func endsLine(content []byte, i int) bool {
	switch content[i] {
	case '\n':
		return true
	case '\r':
		return i+1 == len(content) || content[i+1] != '\n'
	}
	return false
}

// Edited indexes content, which is the indexed content with the bytes
// [start, oldEnd) replaced by newText: only the line starts from the edit
// on are computed again, so an editor's keystroke in a large file costs a
// copy of the line table, not a scan of the text.
func (x *Index) Edited(content []byte, start, oldEnd int, newText []byte) *Index {
	if start < 0 || oldEnd < start || oldEnd > len(x.content) || len(content) != len(x.content)-(oldEnd-start)+len(newText) {
		return New(content)
	}
	// Line starts before start are unchanged; those after oldEnd move.
	// Whether a line starts at start (a CR before it may now be followed by
	// a LF, or no longer) or in the new text depends on the new content.
	keep := sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] >= max(start, 1) })
	after := sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > oldEnd })
	starts := make([]int, keep, len(x.lineStarts)-(after-keep)+bytes.Count(newText, []byte{'\n'})+bytes.Count(newText, []byte{'\r'})+1)
	copy(starts, x.lineStarts[:keep])
	for p := max(start, 1); p <= start+len(newText); p++ {
		if endsLine(content, p-1) {
			starts = append(starts, p)
		}
	}
	delta := len(newText) - (oldEnd - start)
	for _, s := range x.lineStarts[after:] {
		starts = append(starts, s+delta)
	}
	return &Index{content: content, lineStarts: starts}
}

// Lines is the number of lines (a trailing newline starts an empty last line).
func (x *Index) Lines() int { return len(x.lineStarts) }

// Of reports whether x indexes content itself (the same bytes, not a copy
// of them): a caller holding both need not index the text again.
func (x *Index) Of(content []byte) bool {
	return len(x.content) == len(content) && (len(content) == 0 || &x.content[0] == &content[0])
}

// LineStart is the offset of the first byte of 0-based line.
func (x *Index) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(x.lineStarts) {
		return len(x.content)
	}
	return x.lineStarts[line]
}

// LineEnd is the offset of the line's end, before its "\n", "\r\n" or "\r".
func (x *Index) LineEnd(line int) int {
	if line+1 >= len(x.lineStarts) {
		return len(x.content)
	}
	end := x.lineStarts[line+1] - 1
	if x.content[end] == '\n' && end > x.LineStart(line) && x.content[end-1] == '\r' {
		end--
	}
	return end
}

// Line is the 0-based line holding off.
func (x *Index) Line(off int) int {
	off = x.clamp(off)
	return sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > off }) - 1
}

// Position is the 0-based line and column of off, the column counted in enc.
func (x *Index) Position(off int, enc Encoding) (line, col int) {
	off = x.clamp(off)
	line = x.Line(off)
	seg := x.content[x.lineStarts[line]:off]
	return line, count(seg, enc)
}

// Offset is the inverse of Position. Columns past the line's end clamp to it
// (LSP clients may send them); a column inside a multi-unit character
// rounds down to the character's start.
func (x *Index) Offset(line, col int, enc Encoding) int {
	if line < 0 {
		return 0
	}
	if line >= len(x.lineStarts) {
		return len(x.content)
	}
	start, end := x.lineStarts[line], x.LineEnd(line)
	units := 0
	for off := start; off < end; {
		r, size := utf8.DecodeRune(x.content[off:end])
		w := 1
		switch {
		case enc == UTF8:
			w = size
		case enc == UTF16 && r >= 0x10000:
			w = 2
		}
		if units+w > col {
			return off
		}
		units += w
		off += size
	}
	return end
}

func (x *Index) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(x.content) {
		return len(x.content)
	}
	return off
}

func count(seg []byte, enc Encoding) int {
	switch enc {
	case UTF8:
		return len(seg)
	case UTF16:
		n := 0
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			n++
			if r >= 0x10000 {
				n++
			}
			seg = seg[size:]
		}
		return n
	}
	return utf8.RuneCount(seg)
}
