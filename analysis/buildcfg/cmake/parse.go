package cmake

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Parse reads CMake source into commands, comments and problems. It never
// fails: after a problem it resumes at a place CMake's own grammar makes
// likely (the next line, or the next line that starts a command).
func Parse(content []byte) *Listfile {
	p := &parser{src: content, out: &Listfile{}}
	p.file()
	return p.out
}

type parser struct {
	src []byte
	pos int
	out *Listfile
}

func (p *parser) problem(start, end int, format string, args ...any) {
	p.out.Problems = append(p.out.Problems, buildcfg.Problem{
		Span:    source.Span{Start: start, End: end},
		Message: fmt.Sprintf(format, args...),
	})
}

func (p *parser) peek(off int) byte {
	if p.pos+off < len(p.src) {
		return p.src[p.pos+off]
	}
	return 0
}

func isSpace(c byte) bool   { return c == ' ' || c == '\t' }
func isNewline(c byte) bool { return c == '\n' || c == '\r' }
func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
func isIdentChar(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

// lineEnd returns the offset of the newline ending the line holding off (or
// the end of the file).
func (p *parser) lineEnd(off int) int {
	for off < len(p.src) && p.src[off] != '\n' {
		off++
	}
	return off
}

func (p *parser) file() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case isSpace(c) || isNewline(c):
			p.pos++
		case c == '#':
			p.comment()
		case isIdentStart(c):
			p.command()
		default:
			end := p.lineEnd(p.pos)
			p.problem(p.pos, end, "unexpected %q outside a command; expected a command name", c)
			p.pos = end
		}
	}
}

// comment reads a line comment or a bracket comment starting at '#'.
func (p *parser) comment() {
	start := p.pos
	p.pos++
	if eq, ok := p.bracketOpen(); ok {
		openEnd := p.pos + eq + 2
		if close, found := p.findBracketClose(openEnd, eq); found {
			p.pos = close
			p.addComment(start, p.pos)
			return
		}
		end := p.lineEnd(start)
		p.problem(start, openEnd, "unterminated bracket comment: no closing %s", closeBracket(eq))
		p.pos = end
		p.addComment(start, end)
		return
	}
	p.pos = p.lineEnd(p.pos)
	// A carriage return before the newline is not part of the comment.
	end := p.pos
	if end > start && p.src[end-1] == '\r' {
		end--
	}
	p.addComment(start, end)
}

func (p *parser) addComment(start, end int) {
	p.out.Comments = append(p.out.Comments, source.Comment{
		Span: source.Span{Start: start, End: end},
		Text: string(p.src[start:end]),
	})
}

// bracketOpen reports whether a bracket opener "[" "="* "[" starts at pos and
// how many '=' it has, without consuming it.
func (p *parser) bracketOpen() (int, bool) {
	if p.peek(0) != '[' {
		return 0, false
	}
	eq := 0
	for p.peek(1+eq) == '=' {
		eq++
	}
	if p.peek(1+eq) != '[' {
		return 0, false
	}
	return eq, true
}

// findBracketClose finds "]" "="*eq "]" from off and returns the offset just
// past it.
func (p *parser) findBracketClose(off, eq int) (int, bool) {
	for i := off; i < len(p.src); i++ {
		if p.src[i] != ']' {
			continue
		}
		j := i + 1
		n := 0
		for j < len(p.src) && p.src[j] == '=' {
			j++
			n++
		}
		if n == eq && j < len(p.src) && p.src[j] == ']' {
			return j + 1, true
		}
	}
	return 0, false
}

func closeBracket(eq int) string {
	b := make([]byte, 0, eq+2)
	b = append(b, ']')
	for range eq {
		b = append(b, '=')
	}
	return string(append(b, ']'))
}

func (p *parser) command() {
	start := p.pos
	for p.pos < len(p.src) && isIdentChar(p.src[p.pos]) {
		p.pos++
	}
	cmd := Command{
		Name:     string(p.src[start:p.pos]),
		NameSpan: source.Span{Start: start, End: p.pos},
	}
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
	if p.peek(0) != '(' {
		end := p.lineEnd(p.pos)
		p.problem(start, p.pos, "expected '(' after command name %q", cmd.Name)
		p.pos = end
		return
	}
	open := p.pos
	p.pos++
	end := p.arguments(&cmd, open)
	cmd.Span = source.Span{Start: start, End: end}
	p.out.Commands = append(p.out.Commands, cmd)
}

// arguments reads up to the ')' matching the one at open and returns where
// the command's span ends. When the file ends first, the command is cut
// before the first later line that looks like a new command, so one missing
// ')' does not swallow the rest of the file.
func (p *parser) arguments(cmd *Command, open int) int {
	depth := 1
	resumeAt, resumeArgs, resumeComments, resumeProblems := -1, 0, 0, 0
	lineStart := false
	for {
		if p.pos >= len(p.src) {
			if resumeAt >= 0 {
				cmd.Args = cmd.Args[:resumeArgs]
				// What lies past the cut is read again from there.
				p.out.Comments = p.out.Comments[:resumeComments]
				p.out.Problems = p.out.Problems[:resumeProblems]
			}
			p.problem(open, open+1, "unbalanced parentheses: '(' after %s is never closed", cmd.Name)
			if resumeAt < 0 {
				return p.pos
			}
			p.pos = resumeAt
			end := resumeAt
			for end > open+1 && (isSpace(p.src[end-1]) || isNewline(p.src[end-1])) {
				end--
			}
			return end
		}
		c := p.src[p.pos]
		if isNewline(c) {
			p.pos++
			lineStart = true
			continue
		}
		if isSpace(c) {
			p.pos++
			continue
		}
		if lineStart && resumeAt < 0 && p.looksLikeCommand() {
			resumeAt, resumeArgs = p.pos, len(cmd.Args)
			resumeComments, resumeProblems = len(p.out.Comments), len(p.out.Problems)
		}
		lineStart = false
		switch c {
		case '#':
			p.comment()
		case '(':
			depth++
			cmd.Args = append(cmd.Args, p.paren())
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return p.pos
			}
			cmd.Args = append(cmd.Args, p.paren())
		case '"':
			cmd.Args = append(cmd.Args, p.quoted())
		default:
			if eq, ok := p.bracketOpen(); ok {
				cmd.Args = append(cmd.Args, p.bracket(eq))
			} else {
				cmd.Args = append(cmd.Args, p.unquoted())
			}
		}
	}
}

// looksLikeCommand reports whether an identifier followed by '(' starts at
// pos: the likely start of the next command after a missing ')'.
func (p *parser) looksLikeCommand() bool {
	i := p.pos
	if i >= len(p.src) || !isIdentStart(p.src[i]) {
		return false
	}
	for i < len(p.src) && isIdentChar(p.src[i]) {
		i++
	}
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	return i < len(p.src) && p.src[i] == '('
}

// paren turns a nested parenthesis into the unquoted argument CMake makes of it.
func (p *parser) paren() Argument {
	a := Argument{
		Kind:     Unquoted,
		Span:     source.Span{Start: p.pos, End: p.pos + 1},
		Raw:      string(p.src[p.pos : p.pos+1]),
		RawStart: p.pos,
	}
	p.pos++
	return a
}
