// Package ctoken skips what C's tokens hide (comments, string and
// character literals, directives) and classifies identifier bytes: the
// pieces every byte-level scan of C source shares.
package ctoken

// Lines end at "\n", "\r\n" or a lone "\r" (old Mac files), as GCC reads
// them: a directive or a // comment ends at any of them.

// IsLineEnd reports whether src[i] ends a line: a '\n', or a '\r' not
// followed by one (the '\r' of "\r\n" is the line's last byte before it).
func IsLineEnd(src []byte, i int) bool {
	switch src[i] {
	case '\n':
		return true
	case '\r':
		return i+1 == len(src) || src[i+1] != '\n'
	}
	return false
}

// SkipLineEnd returns the offset after the line end starting at i ("\n",
// "\r\n" or "\r"), or i when none starts there.
func SkipLineEnd(src []byte, i int) int {
	if i < len(src) && src[i] == '\r' {
		i++
		if i < len(src) && src[i] == '\n' {
			i++
		}
		return i
	}
	if i < len(src) && src[i] == '\n' {
		i++
	}
	return i
}

// IsSpace reports whether c is C white space: a blank or a line end byte.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// SkipSpace returns the offset after the white space starting at i, and
// whether a line ended in it (a directive can start after it).
func SkipSpace(src []byte, i int) (next int, lineEnded bool) {
	for ; i < len(src) && IsSpace(src[i]); i++ {
		lineEnded = lineEnded || IsLineEnd(src, i)
	}
	return i, lineEnded
}

// SkipEscape returns the offset after the backslash at i and what it
// escapes: a whole line end when a line end follows (a continuation), else
// one byte.
func SkipEscape(src []byte, i int) int {
	if next := SkipLineEnd(src, i+1); next > i+1 {
		return next
	}
	return i + 2
}

// LineStart returns the start of the line holding offset i.
func LineStart(src []byte, i int) int {
	for i > 0 && !IsLineEnd(src, i-1) {
		i--
	}
	return i
}

// LineOf is the 1-based line holding offset i.
func LineOf(src []byte, i int) int {
	n := 1
	for j, c := range src[:i] {
		if c == '\n' || c == '\r' && IsLineEnd(src, j) {
			n++
		}
	}
	return n
}

// SkipPreprocessorLine returns the end of the directive starting at i:
// its line end, past continuations and block comments that span lines.
func SkipPreprocessorLine(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '\\':
			i = SkipEscape(src, i) // a continuation keeps the directive going
			continue
		case '\n', '\r':
			if IsLineEnd(src, i) {
				return i
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				i = SkipComment(src, i) // a block comment may span lines
				continue
			}
		}
		i++
	}
	return min(i, len(src)) // a trailing backslash steps past the end
}

// SkipComment returns where the comment starting at i ends: after its */,
// at the line end that ends a // comment, or len(src).
func SkipComment(src []byte, i int) int {
	if src[i+1] == '/' {
		for i < len(src) && !IsLineEnd(src, i) {
			if src[i] == '\\' {
				i = SkipEscape(src, i)
				continue
			}
			i++
		}
		if i > len(src) {
			i = len(src)
		}
		return i
	}
	for j := i + 2; j+1 < len(src); j++ {
		if src[j] == '*' && src[j+1] == '/' {
			return j + 2
		}
	}
	return len(src)
}

// SkipQuoted returns the offset after the string or character literal
// starting at i; an unterminated one stops at its line's end.
func SkipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i = SkipEscape(src, i) - 1
		case q:
			return i + 1
		case '\n', '\r':
			if IsLineEnd(src, i) {
				return i // unterminated: stop at the line's end like a compiler
			}
		}
	}
	return len(src)
}

// IsIdentStart reports whether c can start an identifier.
func IsIdentStart(c byte) bool { return identClass[c]&identStart != 0 }

// IsIdentPart reports whether c can continue an identifier.
func IsIdentPart(c byte) bool { return identClass[c] != 0 }

const (
	identStart = 1 << iota
	identPart
)

// identClass classifies bytes for the scanner's identifier loop.
var identClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			t[c] = identStart | identPart
		case c >= '0' && c <= '9':
			t[c] = identPart
		}
	}
	return t
}()
