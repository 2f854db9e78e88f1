// Package ctoken skips what C's tokens hide (comments, string and
// character literals, directives) and classifies identifier bytes: the
// pieces every byte-level scan of C source shares.
package ctoken

// SkipPreprocessorLine returns the end of the directive starting at i:
// its newline, past continuations and block comments that span lines.
func SkipPreprocessorLine(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2 // a continuation keeps the directive going
			continue
		case '\n':
			return i
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
// at the newline that ends a // comment, or len(src).
func SkipComment(src []byte, i int) int {
	if src[i+1] == '/' {
		for i < len(src) && src[i] != '\n' {
			if src[i] == '\\' {
				i++
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
			i++
		case q:
			return i + 1
		case '\n':
			return i // unterminated: stop at the line's end like a compiler
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
