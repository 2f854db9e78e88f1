package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// cString decodes a C or C++ string literal as written: adjacent literals
// are concatenated ("pkg" ".mod"), prefixes (L, u, U, u8, R) and escapes
// are resolved. ok is false for anything else: a macro, an expression.
func cString(text string) (string, bool) {
	var out strings.Builder
	s := strings.TrimSpace(text)
	if s == "" {
		return "", false
	}
	for s != "" {
		s = skipSpaceAndComments(s)
		if s == "" {
			break
		}
		raw := false
		for _, p := range []string{"u8R", "LR", "uR", "UR", "R", "u8", "L", "u", "U"} {
			if strings.HasPrefix(s, p+`"`) {
				raw = strings.HasSuffix(p, "R")
				s = s[len(p):]
				break
			}
		}
		if s == "" || s[0] != '"' {
			return "", false
		}
		var rest string
		var ok bool
		if raw {
			rest, ok = rawString(s, &out)
		} else {
			rest, ok = quotedString(s[1:], &out)
		}
		if !ok {
			return "", false
		}
		s = rest
	}
	return out.String(), true
}

// rawString reads R"delim(...)delim" from the opening quote.
func rawString(s string, out *strings.Builder) (string, bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return "", false
	}
	delim := s[1:open]
	end := strings.Index(s[open+1:], ")"+delim+`"`)
	if end < 0 {
		return "", false
	}
	out.WriteString(s[open+1 : open+1+end])
	return s[open+1+end+len(delim)+2:], true
}

// quotedString reads up to the closing quote (s starts after the opening
// one), resolving escapes.
func quotedString(s string, out *strings.Builder) (string, bool) {
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '"':
			return s[i+1:], true
		case '\n':
			return "", false
		case '\\':
			n, ok := escape(s[i+1:], out)
			if !ok {
				return "", false
			}
			i += 1 + n
		default:
			out.WriteByte(c)
			i++
		}
	}
	return "", false
}

// escape decodes one escape sequence (s starts after the backslash) and
// returns how many bytes it used.
func escape(s string, out *strings.Builder) (int, bool) {
	if s == "" {
		return 0, false
	}
	simple := map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"', '?': '?'}
	if b, ok := simple[s[0]]; ok {
		out.WriteByte(b)
		return 1, true
	}
	switch {
	case s[0] >= '0' && s[0] <= '7':
		n := 1
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[:n], 8, 32)
		writeCodeUnit(out, v)
		return n, true
	case s[0] == 'x':
		n := 1
		for n < len(s) && isHex(s[n]) {
			n++
		}
		if n == 1 {
			return 0, false
		}
		v, err := strconv.ParseUint(s[1:n], 16, 32)
		if err != nil {
			return 0, false
		}
		writeCodeUnit(out, v)
		return n, true
	case s[0] == 'u' || s[0] == 'U':
		digits := 4
		if s[0] == 'U' {
			digits = 8
		}
		if len(s) < 1+digits {
			return 0, false
		}
		v, err := strconv.ParseUint(s[1:1+digits], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, false
		}
		out.WriteRune(rune(v))
		return 1 + digits, true
	}
	return 0, false
}

// writeCodeUnit writes a numeric escape: a byte in a narrow string, a
// character beyond.
func writeCodeUnit(out *strings.Builder, v uint64) {
	if v < 0x100 {
		out.WriteByte(byte(v))
		return
	}
	out.WriteRune(rune(v))
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func skipSpaceAndComments(s string) string {
	for {
		s = strings.TrimLeft(s, " \t\r\n\f\v")
		switch {
		case strings.HasPrefix(s, "/*"):
			end := strings.Index(s[2:], "*/")
			if end < 0 {
				return ""
			}
			s = s[2+end+2:]
		case strings.HasPrefix(s, "//"):
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				return ""
			}
			s = s[end+1:]
		default:
			return s
		}
	}
}

// isIdent reports whether s is a C identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
