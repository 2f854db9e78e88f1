package tomldoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeString returns the value of a string or quoted key node and its
// delimiter. The grammar does not expose the plain text between escapes as
// nodes, so the content is the bytes between the delimiters with each
// escape_sequence child replaced by what it stands for.
func (b *builder) decodeString(n kid) (string, string, bool) {
	children := b.w.kids(&n.node)
	if len(children) == 0 {
		return "", "", false
	}
	quote := children[0].kind
	switch quote {
	case `"`, `'`, `"""`, `'''`:
	default:
		return "", "", false
	}
	start, end := n.start+len(quote), n.end-len(quote)
	if start > end || end > len(b.src) {
		return "", "", false
	}
	multiline := len(quote) == 3
	if multiline {
		// A newline right after the opening delimiter is not part of the value.
		switch {
		case strings.HasPrefix(string(b.src[start:end]), "\r\n"):
			start += 2
		case start < end && b.src[start] == '\n':
			start++
		}
	}
	var out strings.Builder
	pos := start
	trim := false // after a line-ending backslash, whitespace is skipped
	emit := func(upto int) {
		raw := b.src[pos:upto]
		if trim {
			i := 0
			for i < len(raw) && isTOMLSpace(raw[i]) {
				i++
			}
			raw = raw[i:]
			trim = len(raw) == 0
		}
		out.Write(raw)
	}
	for _, c := range children {
		if c.kind != "escape_sequence" {
			continue
		}
		cs, ce := c.start, c.end
		if cs < pos || ce > end {
			continue
		}
		emit(cs)
		pos = ce
		esc := string(b.src[cs:ce])
		if len(esc) >= 2 && (esc[1] == '\n' || esc[1] == '\r') {
			trim = true
			continue
		}
		r, ok := unescape(esc)
		if !ok {
			b.problemf(c.span(), "invalid escape %s: not a Unicode scalar value", esc)
			return "", quote, false
		}
		trim = false
		out.WriteRune(r)
	}
	emit(end)
	return out.String(), quote, true
}

func isTOMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// unescape decodes one escape sequence as matched by the grammar.
func unescape(esc string) (rune, bool) {
	if len(esc) < 2 {
		return 0, false
	}
	switch esc[1] {
	case 'b':
		return '\b', true
	case 't':
		return '\t', true
	case 'n':
		return '\n', true
	case 'f':
		return '\f', true
	case 'r':
		return '\r', true
	case '"':
		return '"', true
	case '\\':
		return '\\', true
	case 'u', 'U':
		n, err := strconv.ParseUint(esc[2:], 16, 32)
		if err != nil || !utf8.ValidRune(rune(n)) {
			return 0, false
		}
		return rune(n), true
	}
	return 0, false
}
