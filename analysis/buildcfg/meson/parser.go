package meson

import (
	"fmt"
	"sort"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Parse lexes and parses meson source. It never fails: a statement with a
// syntax error is reported and skipped, and parsing resumes on the line
// where the error was found (or the next one), so the rest of the file is
// still read.
func Parse(content []byte) (*Program, []source.Comment, []buildcfg.Problem) {
	toks, comments, problems := Lex(content)
	p := &parser{toks: toks, problems: problems}
	prog := &Program{Stmts: p.block(nil)}
	// Lexer and parser problems interleave in file order.
	sort.SliceStable(p.problems, func(i, j int) bool {
		return p.problems[i].Span.Start < p.problems[j].Span.Start
	})
	return prog, comments, p.problems
}

// maxNesting bounds expression nesting so hostile input cannot exhaust the
// stack.
const maxNesting = 200

type parser struct {
	toks     []Token
	i        int
	depth    int // open ( [ {: newlines inside them are not statement ends
	nest     int
	problems []buildcfg.Problem
	failAt   int // token index of the last syntax error
}

// bailout unwinds a statement after a syntax error; statement() recovers it.
type bailout struct{}

func (p *parser) fail(span source.Span, format string, args ...any) {
	p.problems = append(p.problems, buildcfg.Problem{Span: span, Message: fmt.Sprintf(format, args...)})
	p.failAt = p.i
	panic(bailout{})
}

// cur returns the current token, stepping over newlines inside brackets.
func (p *parser) cur() Token {
	for p.depth > 0 && p.toks[p.i].Kind == TokNewline {
		p.i++
	}
	return p.toks[p.i]
}

// peekNext returns the token after the current one, skipping newlines
// inside brackets.
func (p *parser) peekNext() Token {
	p.cur()
	j := p.i + 1
	for j < len(p.toks)-1 && p.depth > 0 && p.toks[j].Kind == TokNewline {
		j++
	}
	if j >= len(p.toks) {
		j = len(p.toks) - 1
	}
	return p.toks[j]
}

func (p *parser) advance() Token {
	t := p.cur()
	if t.Kind != TokEOF {
		p.i++
	}
	return t
}

func (p *parser) isPunct(s string) bool {
	t := p.cur()
	return t.Kind == TokPunct && t.Text == s
}

func (p *parser) isKeyword(s string) bool {
	t := p.cur()
	return t.Kind == TokIdent && t.Text == s
}

func describe(t Token) string {
	switch t.Kind {
	case TokEOF:
		return "end of file"
	case TokNewline:
		return "end of line"
	}
	return fmt.Sprintf("%q", t.Text)
}

func (p *parser) expectPunct(s string) Token {
	if !p.isPunct(s) {
		t := p.cur()
		p.fail(t.Span, "expected '%s', found %s", s, describe(t))
	}
	return p.advance()
}

// block parses statements until EOF or a keyword in ends (left unconsumed).
func (p *parser) block(ends map[string]bool) []Node {
	var out []Node
	for {
		t := p.cur()
		switch {
		case t.Kind == TokEOF:
			return out
		case t.Kind == TokNewline:
			p.i++
			continue
		case t.Kind == TokIdent && ends[t.Text]:
			return out
		}
		if st := p.statement(); st != nil {
			out = append(out, st)
		}
	}
}

// statement parses one statement and its line end, recovering from syntax
// errors inside it.
func (p *parser) statement() (n Node) {
	start := p.i
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			p.depth, p.nest = 0, 0
			p.resync(start)
			n = nil
		}
	}()
	n = p.statementBody()
	p.endOfLine()
	return n
}

// resync moves to the first token of the line holding the error when that
// is past the statement's start (a missing ')' then costs one line, not the
// rest of the file), else to the line after the error.
func (p *parser) resync(start int) {
	f := min(p.failAt, len(p.toks)-1)
	g := f
	for g > 0 && p.toks[g-1].Kind != TokNewline {
		g--
	}
	if g > start {
		p.i = g
		return
	}
	p.i = f
	for p.toks[p.i].Kind != TokEOF && p.toks[p.i].Kind != TokNewline {
		p.i++
	}
}

func (p *parser) endOfLine() {
	t := p.cur()
	switch t.Kind {
	case TokNewline:
		p.i++
	case TokEOF:
	default:
		p.fail(t.Span, "expected end of line, found %s", describe(t))
	}
}

func (p *parser) statementBody() Node {
	t := p.cur()
	if t.Kind == TokIdent {
		switch t.Text {
		case "if":
			return p.ifStmt()
		case "foreach":
			return p.foreachStmt()
		case "break", "continue":
			p.advance()
			return &Jump{Keyword: t.Text, Span: t.Span}
		case "elif", "else", "endif", "endforeach":
			p.fail(t.Span, "unexpected %s without a matching opening statement", t.Text)
		}
		if !keywords[t.Text] {
			if n := p.peekNext(); n.Kind == TokPunct && (n.Text == "=" || n.Text == "+=") {
				p.advance()
				p.advance()
				v := p.expr()
				return &Assign{
					Target: &Ident{Name: t.Text, Span: t.Span},
					Op:     n.Text,
					Value:  v,
					Span:   source.Span{Start: t.Span.Start, End: v.Pos().End},
				}
			}
		}
	}
	return &ExprStmt{X: p.expr()}
}

var ifEnds = map[string]bool{"elif": true, "else": true, "endif": true}
var elseEnds = map[string]bool{"endif": true}
var foreachEnds = map[string]bool{"endforeach": true}

func (p *parser) ifStmt() Node {
	kw := p.advance()
	n := &If{}
	cond := p.header(p.expr)
	n.Clauses = append(n.Clauses, IfClause{Cond: cond, Body: p.block(ifEnds)})
	for {
		t := p.cur()
		switch {
		case t.Kind == TokIdent && t.Text == "elif":
			p.advance()
			c := p.header(p.expr)
			n.Clauses = append(n.Clauses, IfClause{Cond: c, Body: p.block(ifEnds)})
		case t.Kind == TokIdent && t.Text == "else":
			p.advance()
			p.header(func() Node { return nil })
			n.Else = append(n.Else, p.block(ifEnds)...)
			if p.isKeyword("elif") || p.isKeyword("else") {
				p.fail(p.cur().Span, "%s after else", p.cur().Text)
			}
		case t.Kind == TokIdent && t.Text == "endif":
			p.advance()
			n.Span = source.Span{Start: kw.Span.Start, End: t.Span.End}
			return n
		default:
			p.problems = append(p.problems, buildcfg.Problem{Span: kw.Span, Message: "if has no matching endif"})
			n.Span = source.Span{Start: kw.Span.Start, End: t.Span.Start}
			return n
		}
	}
}

func (p *parser) foreachStmt() Node {
	kw := p.advance()
	n := &Foreach{}
	n.Iter = p.header(func() Node { return p.foreachHeader(n) })
	n.Body = p.block(foreachEnds)
	t := p.cur()
	if t.Kind == TokIdent && t.Text == "endforeach" {
		p.advance()
		n.Span = source.Span{Start: kw.Span.Start, End: t.Span.End}
		return n
	}
	p.problems = append(p.problems, buildcfg.Problem{Span: kw.Span, Message: "foreach has no matching endforeach"})
	n.Span = source.Span{Start: kw.Span.Start, End: t.Span.Start}
	return n
}

// header parses the rest of an if/elif/foreach line. A syntax error there
// costs only that line: the block below is still read.
func (p *parser) header(parse func() Node) (n Node) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			p.depth = 0
			p.i = min(p.failAt, len(p.toks)-1)
			for p.toks[p.i].Kind != TokEOF && p.toks[p.i].Kind != TokNewline {
				p.i++
			}
			n = nil
		}
	}()
	n = parse()
	p.endOfLine()
	return n
}

func (p *parser) foreachHeader(n *Foreach) Node {
	for {
		t := p.cur()
		if t.Kind != TokIdent || keywords[t.Text] {
			p.fail(t.Span, "expected a loop variable name, found %s", describe(t))
		}
		p.advance()
		n.Vars = append(n.Vars, &Ident{Name: t.Text, Span: t.Span})
		if !p.isPunct(",") {
			break
		}
		p.advance()
	}
	p.expectPunct(":")
	return p.expr()
}
