package cmake

import "github.com/hpyproject/hpylint/analysis/source"

// quoted reads a quoted argument starting at '"'. An unterminated one ends
// at the end of its first line so the rest of the file is still read.
func (p *parser) quoted() Argument {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; c {
		case '"':
			p.pos++
			return Argument{
				Kind:     Quoted,
				Span:     source.Span{Start: start, End: p.pos},
				Raw:      string(p.src[start+1 : p.pos-1]),
				RawStart: start + 1,
			}
		case '\\':
			p.escape(true)
		default:
			p.pos++
		}
	}
	end := p.lineEnd(start)
	if end > start+1 && p.src[end-1] == '\r' {
		end--
	}
	p.problem(start, end, "unterminated quoted argument: no closing '\"'")
	p.pos = end
	return Argument{
		Kind:     Quoted,
		Span:     source.Span{Start: start, End: end},
		Raw:      string(p.src[start+1 : end]),
		RawStart: start + 1,
	}
}

// escape steps over a backslash sequence at pos. CMake accepts \ before any
// non-alphanumeric character, \t \r \n, and (in quoted arguments) a
// backslash-newline continuation; anything else is a CMake error.
func (p *parser) escape(inQuotes bool) {
	start := p.pos
	p.pos++
	if p.pos >= len(p.src) {
		p.problem(start, p.pos, "backslash at end of file")
		return
	}
	c := p.src[p.pos]
	switch {
	case c == '\r' && p.peek(1) == '\n':
		p.pos += 2
		if !inQuotes {
			p.problem(start, start+1, "line continuation outside a quoted argument")
		}
		return
	case c == '\n':
		p.pos++
		if !inQuotes {
			p.problem(start, start+1, "line continuation outside a quoted argument")
		}
		return
	case c == 't' || c == 'r' || c == 'n':
	case isIdentChar(c):
		p.problem(start, p.pos+1, "invalid escape sequence \\%c", c)
	}
	p.pos++
}

// bracket reads [==[ ... ]==]. An unterminated one ends at the end of its
// first line.
func (p *parser) bracket(eq int) Argument {
	start := p.pos
	openEnd := start + eq + 2
	rawStart := openEnd
	// CMake drops a newline right after the opening bracket.
	if rawStart < len(p.src) && p.src[rawStart] == '\n' {
		rawStart++
	} else if rawStart+1 < len(p.src) && p.src[rawStart] == '\r' && p.src[rawStart+1] == '\n' {
		rawStart += 2
	}
	if close, ok := p.findBracketClose(openEnd, eq); ok {
		p.pos = close
		rawEnd := close - eq - 2
		if rawEnd < rawStart {
			rawStart = rawEnd
		}
		return Argument{
			Kind:     Bracket,
			Span:     source.Span{Start: start, End: close},
			Raw:      string(p.src[rawStart:rawEnd]),
			RawStart: rawStart,
		}
	}
	end := p.lineEnd(start)
	p.problem(start, openEnd, "unterminated bracket argument: no closing %s", closeBracket(eq))
	p.pos = end
	if rawStart > end {
		rawStart = end
	}
	return Argument{
		Kind:     Bracket,
		Span:     source.Span{Start: start, End: end},
		Raw:      string(p.src[rawStart:end]),
		RawStart: rawStart,
	}
}

// unquoted reads an unquoted argument, including CMake's legacy forms: a
// quoted part inside it (-DX="a b") and a make-style $(VAR).
func (p *parser) unquoted() Argument {
	start := p.pos
loop:
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case isSpace(c) || isNewline(c) || c == '(' || c == ')' || c == '#':
			if c == '(' && p.makeVar() {
				continue
			}
			break loop
		case c == '\\':
			p.escape(false)
		case c == '"':
			p.legacyQuote()
		default:
			p.pos++
		}
	}
	return Argument{
		Kind:     Unquoted,
		Span:     source.Span{Start: start, End: p.pos},
		Raw:      string(p.src[start:p.pos]),
		RawStart: start,
	}
}

// makeVar steps over the "(NAME)" of a legacy $(NAME) when pos is at its
// '(' right after a '$'.
func (p *parser) makeVar() bool {
	if p.pos == 0 || p.src[p.pos-1] != '$' {
		return false
	}
	i := p.pos + 1
	for i < len(p.src) && isIdentChar(p.src[i]) {
		i++
	}
	if i >= len(p.src) || p.src[i] != ')' {
		return false
	}
	p.pos = i + 1
	return true
}

// legacyQuote steps over a "..." inside an unquoted argument; it may hold
// spaces but not newlines.
func (p *parser) legacyQuote() {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == '"':
			p.pos++
			return
		case c == '\\':
			p.escape(true)
		case isNewline(c):
			p.problem(start, p.pos, "unterminated quote inside an unquoted argument")
			return
		default:
			p.pos++
		}
	}
	p.problem(start, p.pos, "unterminated quote inside an unquoted argument")
}
