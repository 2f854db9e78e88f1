package cfacts

import (
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Most HPy macro invocations are plain: names, numbers, string literals,
// parentheses, commas, braces and a few operators
// (`HPyDef_METH(add, "add", HPyFunc_VARARGS, .doc = "Add two numbers")`).
// For those, the tokens the grammar would give are the obvious ones, and
// parsing each invocation (with the error recovery every `.doc = "..."`
// costs) was a third of the time of a macro-dense file. readPlainMacro
// reads such an invocation from its bytes; anything outside that small
// alphabet (character literals, brackets, '<' and '>', '//' comments,
// prefixed or unusual string literals, a ';' inside) goes to the parse,
// as before. TestPlainMacrosReadAsParsed checks both readers agree.

// readPlainMacro reads the invocation at span if its text is plain; ok is
// false when the parse must read it.
func readPlainMacro(src []byte, span source.Span) (m MacroCall, ok bool) {
	r := macroReader{src: src, call: MacroCall{Span: span}}
	end := span.End
	i := span.Start
	for i < end {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < end && src[i+1] == '*':
			next := ctoken.SkipComment(src, i)
			if next > end || next < i+4 || src[next-1] != '/' || src[next-2] != '*' {
				return MacroCall{}, false
			}
			i = next
		case isPlainWord(c):
			start := i
			for i < end && isPlainWord(src[i]) {
				i++
			}
			if i < end && (src[i] == '"' || src[i] == '\'') {
				return MacroCall{}, false // L"...", u8"...", R"(...)": prefixed literals
			}
			r.tokenOf(start, i, otherTok)
		case c == '"':
			next, plain := plainString(src, i, end)
			if !plain {
				return MacroCall{}, false
			}
			r.tokenOf(i, next, literalTok)
			i = next
		default:
			class, plain := plainPunctuation(c)
			if !plain || r.closed {
				// Past the closing parenthesis only the span's own ';' may
				// follow.
				if c == ';' && r.closed && i == end-1 {
					i++
					continue
				}
				return MacroCall{}, false
			}
			r.tokenOf(i, i+1, class)
			i++
		}
	}
	if !r.closed || r.call.Name == "" {
		return MacroCall{}, false
	}
	out := r.finish(nil)
	if len(out) != 1 {
		return MacroCall{}, false
	}
	return out[0], true
}

// isPlainWord reports the bytes of names and numbers in plain text: ASCII
// only, since the grammar decodes other bytes as UTF-8 and may not take
// them for a name.
func isPlainWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// plainPunctuation classifies the single-character tokens plain text may
// hold; ok is false for any other byte.
func plainPunctuation(c byte) (tokenClass, bool) {
	switch c {
	case '(', '{':
		return openTok, true
	case ')', '}':
		return closeTok, true
	case ',':
		return commaTok, true
	case '.', '=', '&', '|', '*', '+', '-', '!', '~':
		return otherTok, true
	}
	return otherTok, false
}

// plainString returns the end of the string literal at i if it is plain:
// closed on its line before end, valid UTF-8, and with only simple escapes
// (a backslash before a printable ASCII character other than x, u and U).
func plainString(src []byte, i, end int) (int, bool) {
	for j := i + 1; j < end; j++ {
		switch c := src[j]; {
		case c == '"':
			return j + 1, utf8.Valid(src[i+1 : j])
		case c == '\\':
			if j+1 >= end {
				return 0, false
			}
			e := src[j+1]
			if e < 0x20 || e > 0x7e || e == 'x' || e == 'u' || e == 'U' {
				return 0, false
			}
			j++
		case c < 0x20 || c == 0x7f:
			return 0, false // line ends, tabs and control bytes
		}
	}
	return 0, false
}
