package meson

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Lex splits meson source into tokens (ending with TokEOF), comments and
// problems. A bad character or an unterminated string is reported and
// skipped, so lexing always reaches the end.
func Lex(content []byte) ([]Token, []source.Comment, []buildcfg.Problem) {
	l := &lexer{src: content}
	l.run()
	return l.toks, l.comments, l.problems
}

type lexer struct {
	src      []byte
	pos      int
	toks     []Token
	comments []source.Comment
	problems []buildcfg.Problem
}

func (l *lexer) problem(start, end int, format string, args ...any) {
	l.problems = append(l.problems, buildcfg.Problem{
		Span:    source.Span{Start: start, End: end},
		Message: fmt.Sprintf(format, args...),
	})
}

func (l *lexer) emit(k Kind, start int, value string) {
	l.toks = append(l.toks, Token{
		Kind:  k,
		Span:  source.Span{Start: start, End: l.pos},
		Text:  string(l.src[start:l.pos]),
		Value: value,
	})
}

func (l *lexer) peek(off int) byte {
	if l.pos+off < len(l.src) {
		return l.src[l.pos+off]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

// puncts lists operators, longest first.
var puncts = []string{
	"+=", "==", "!=", "<=", ">=",
	"(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "<", ">", "+", "-", "*", "/", "%", "?",
}

func (l *lexer) run() {
	for l.pos < len(l.src) {
		start := l.pos
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '\n':
			l.pos++
			l.emit(TokNewline, start, "")
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
			end := l.pos
			if end > start && l.src[end-1] == '\r' {
				end--
			}
			l.comments = append(l.comments, source.Comment{
				Span: source.Span{Start: start, End: end},
				Text: string(l.src[start:end]),
			})
		case c == '\\' && l.continuation():
		case c == '\'':
			l.str(start, TokString)
		case c == 'f' && l.peek(1) == '\'':
			l.pos++
			l.str(start, TokFString)
		case isIdentStart(c):
			for l.pos < len(l.src) && isIdentChar(l.src[l.pos]) {
				l.pos++
			}
			l.emit(TokIdent, start, "")
		case isDigit(c):
			l.number(start)
		default:
			if p := l.punct(); p != "" {
				l.pos += len(p)
				l.emit(TokPunct, start, "")
				continue
			}
			r, size := utf8.DecodeRune(l.src[l.pos:])
			l.pos += size
			l.problem(start, l.pos, "unexpected character %q", r)
		}
	}
	l.toks = append(l.toks, Token{Kind: TokEOF, Span: source.Span{Start: len(l.src), End: len(l.src)}})
}

// continuation steps over a backslash that ends a line (spaces and a
// comment may follow it), which joins the next line to this one.
func (l *lexer) continuation() bool {
	i := l.pos + 1
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t' || l.src[i] == '\r') {
		i++
	}
	if i < len(l.src) && l.src[i] == '#' {
		start := i
		for i < len(l.src) && l.src[i] != '\n' {
			i++
		}
		l.comments = append(l.comments, source.Comment{
			Span: source.Span{Start: start, End: i},
			Text: string(l.src[start:i]),
		})
	}
	if i < len(l.src) && l.src[i] != '\n' {
		return false
	}
	l.pos = min(i+1, len(l.src))
	return true
}

func (l *lexer) punct() string {
	for _, p := range puncts {
		if strings.HasPrefix(string(l.src[l.pos:min(l.pos+2, len(l.src))]), p) {
			return p
		}
	}
	return ""
}

func (l *lexer) number(start int) {
	if l.peek(0) == '0' && (l.peek(1) == 'x' || l.peek(1) == 'X' || l.peek(1) == 'o' || l.peek(1) == 'O' || l.peek(1) == 'b' || l.peek(1) == 'B') {
		l.pos += 2
	}
	for l.pos < len(l.src) && (isIdentChar(l.src[l.pos])) {
		l.pos++
	}
	l.emit(TokNumber, start, "")
}

// str reads a single-quoted string (with escapes) or a triple-quoted one
// (raw, may span lines); l.pos is at the first quote and start includes an
// f prefix.
func (l *lexer) str(start int, kind Kind) {
	if l.peek(1) == '\'' && l.peek(2) == '\'' {
		l.pos += 3
		end := strings.Index(string(l.src[l.pos:]), "'''")
		if end < 0 {
			l.problem(start, l.pos, "unterminated multiline string: no closing '''")
			value := string(l.src[l.pos:])
			l.pos = len(l.src)
			l.emit(kind, start, value)
			return
		}
		value := string(l.src[l.pos : l.pos+end])
		l.pos += end + 3
		l.emit(kind, start, value)
		return
	}
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch c {
		case '\'':
			l.pos++
			l.emit(kind, start, b.String())
			return
		case '\n':
			l.problem(start, l.pos, "unterminated string: no closing ' on this line")
			l.emit(kind, start, b.String())
			return
		case '\\':
			l.escape(&b)
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	l.problem(start, l.pos, "unterminated string: no closing ' before the end of the file")
	l.emit(kind, start, b.String())
}

var simpleEscapes = map[byte]byte{
	'\\': '\\', '\'': '\'', 'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
}

// escape decodes one escape sequence of a single-quoted string; unknown
// ones stay as written, like meson does.
func (l *lexer) escape(b *strings.Builder) {
	start := l.pos
	l.pos++
	if l.pos >= len(l.src) || l.src[l.pos] == '\n' {
		b.WriteByte('\\')
		return
	}
	c := l.src[l.pos]
	if r, ok := simpleEscapes[c]; ok {
		b.WriteByte(r)
		l.pos++
		return
	}
	hexLen := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if hexLen > 0 && l.pos+1+hexLen <= len(l.src) {
		if n, err := strconv.ParseUint(string(l.src[l.pos+1:l.pos+1+hexLen]), 16, 32); err == nil && utf8.ValidRune(rune(n)) {
			b.WriteRune(rune(n))
			l.pos += 1 + hexLen
			return
		}
	}
	if c >= '0' && c <= '7' {
		end := l.pos
		for end < len(l.src) && end < l.pos+3 && l.src[end] >= '0' && l.src[end] <= '7' {
			end++
		}
		n, _ := strconv.ParseUint(string(l.src[l.pos:end]), 8, 32)
		b.WriteRune(rune(n))
		l.pos = end
		return
	}
	b.Write(l.src[start : l.pos+1])
	l.pos++
}
