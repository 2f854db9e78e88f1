package meson

import "github.com/hpyproject/hpylint/analysis/source"

func span(a, b Node) source.Span { return source.Span{Start: a.Pos().Start, End: b.Pos().End} }

func (p *parser) expr() Node {
	p.nest++
	defer func() { p.nest-- }()
	if p.nest > maxNesting {
		p.fail(p.cur().Span, "expression nested too deeply")
	}
	cond := p.or()
	if !p.isPunct("?") {
		return cond
	}
	p.advance()
	then := p.expr()
	p.expectPunct(":")
	els := p.expr()
	return &Ternary{Cond: cond, Then: then, Else: els, Span: span(cond, els)}
}

func (p *parser) or() Node {
	x := p.and()
	for p.isKeyword("or") {
		p.advance()
		y := p.and()
		x = &Binary{Op: "or", X: x, Y: y, Span: span(x, y)}
	}
	return x
}

func (p *parser) and() Node {
	x := p.comparison()
	for p.isKeyword("and") {
		p.advance()
		y := p.comparison()
		x = &Binary{Op: "and", X: x, Y: y, Span: span(x, y)}
	}
	return x
}

var compareOps = map[string]bool{"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

func (p *parser) comparison() Node {
	x := p.additive()
	for {
		t := p.cur()
		op := ""
		switch {
		case t.Kind == TokPunct && compareOps[t.Text]:
			op = t.Text
		case t.Kind == TokIdent && t.Text == "in":
			op = "in"
		case t.Kind == TokIdent && t.Text == "not":
			if n := p.peekNext(); n.Kind == TokIdent && n.Text == "in" {
				p.advance()
				op = "not in"
			}
		}
		if op == "" {
			return x
		}
		p.advance()
		y := p.additive()
		x = &Binary{Op: op, X: x, Y: y, Span: span(x, y)}
	}
}

func (p *parser) additive() Node {
	x := p.multiplicative()
	for p.isPunct("+") || p.isPunct("-") {
		op := p.advance().Text
		y := p.multiplicative()
		x = &Binary{Op: op, X: x, Y: y, Span: span(x, y)}
	}
	return x
}

func (p *parser) multiplicative() Node {
	x := p.unary()
	for p.isPunct("*") || p.isPunct("/") || p.isPunct("%") {
		op := p.advance().Text
		y := p.unary()
		x = &Binary{Op: op, X: x, Y: y, Span: span(x, y)}
	}
	return x
}

func (p *parser) unary() Node {
	if p.isKeyword("not") || p.isPunct("-") {
		p.nest++
		defer func() { p.nest-- }()
		if p.nest > maxNesting {
			p.fail(p.cur().Span, "expression nested too deeply")
		}
		t := p.advance()
		x := p.unary()
		return &Unary{Op: t.Text, X: x, Span: source.Span{Start: t.Span.Start, End: x.Pos().End}}
	}
	return p.postfix()
}

func (p *parser) postfix() Node {
	x := p.primary()
	for {
		switch {
		case p.isPunct("(") && isIdent(x):
			x = p.call(nil, x.(*Ident), x.Pos().Start)
		case p.isPunct("."):
			p.advance()
			t := p.cur()
			if t.Kind != TokIdent || keywords[t.Text] {
				p.fail(t.Span, "expected a method name after '.', found %s", describe(t))
			}
			p.advance()
			if !p.isPunct("(") {
				p.fail(p.cur().Span, "expected '(' after method name %q", t.Text)
			}
			x = p.call(x, &Ident{Name: t.Text, Span: t.Span}, x.Pos().Start)
		case p.isPunct("["):
			p.open()
			idx := p.expr()
			end := p.closeWith("]")
			x = &Index{X: x, Index: idx, Span: source.Span{Start: x.Pos().Start, End: end}}
		default:
			return x
		}
	}
}

func isIdent(n Node) bool {
	_, ok := n.(*Ident)
	return ok
}

// open consumes an opening bracket; newlines are not statement ends until
// the matching close.
func (p *parser) open() Token {
	t := p.advance()
	p.depth++
	return t
}

// closeWith consumes the closing bracket and returns its end offset.
func (p *parser) closeWith(s string) int {
	t := p.cur()
	if t.Kind == TokEOF {
		p.fail(t.Span, "unbalanced brackets: expected '%s' before the end of the file", s)
	}
	p.expectPunct(s)
	p.depth--
	return t.Span.End
}

// call parses (args) with positional and keyword arguments.
func (p *parser) call(recv Node, name *Ident, start int) Node {
	open := p.open()
	c := &Call{Recv: recv, Name: name}
	for !p.isPunct(")") {
		t := p.cur()
		if t.Kind == TokEOF {
			p.fail(open.Span, "unbalanced parentheses: '(' of %s() is never closed", name.Name)
		}
		if n := p.peekNext(); t.Kind == TokIdent && !keywords[t.Text] && n.Kind == TokPunct && n.Text == ":" {
			p.advance()
			p.advance()
			c.Kwargs = append(c.Kwargs, Kwarg{Key: &Ident{Name: t.Text, Span: t.Span}, Value: p.expr()})
		} else {
			if len(c.Kwargs) > 0 {
				p.fail(t.Span, "positional argument after keyword arguments")
			}
			c.Args = append(c.Args, p.expr())
		}
		if !p.isPunct(",") {
			if !p.isPunct(")") {
				p.listError(open, "')'")
			}
			break
		}
		p.advance()
	}
	c.Span = source.Span{Start: start, End: p.closeWith(")")}
	return c
}

// listError reports a list that goes on with something that is neither a
// separator nor its close.
func (p *parser) listError(open Token, want string) {
	t := p.cur()
	if t.Kind == TokEOF {
		p.fail(open.Span, "unbalanced brackets: '%s' is never closed", open.Text)
	}
	p.fail(t.Span, "expected ',' or %s, found %s ('%s' is not closed)", want, describe(t), open.Text)
}

func (p *parser) primary() Node {
	t := p.cur()
	switch t.Kind {
	case TokString, TokFString:
		p.advance()
		return &StringLit{Value: t.Value, Format: t.Kind == TokFString, Span: t.Span}
	case TokNumber:
		p.advance()
		return &NumberLit{Text: t.Text, Span: t.Span}
	case TokIdent:
		switch t.Text {
		case "true", "false":
			p.advance()
			return &BoolLit{Value: t.Text == "true", Span: t.Span}
		}
		if keywords[t.Text] {
			p.fail(t.Span, "unexpected keyword %s", t.Text)
		}
		p.advance()
		return &Ident{Name: t.Text, Span: t.Span}
	case TokPunct:
		switch t.Text {
		case "(":
			p.open()
			x := p.expr()
			p.closeWith(")")
			return x
		case "[":
			return p.array()
		case "{":
			return p.dict()
		}
	}
	p.fail(t.Span, "expected an expression, found %s", describe(t))
	return nil
}

func (p *parser) array() Node {
	open := p.open()
	a := &ArrayLit{}
	for !p.isPunct("]") {
		if p.cur().Kind == TokEOF {
			p.listError(open, "']'")
		}
		a.Elems = append(a.Elems, p.expr())
		if !p.isPunct(",") {
			if !p.isPunct("]") {
				p.listError(open, "']'")
			}
			break
		}
		p.advance()
	}
	a.Span = source.Span{Start: open.Span.Start, End: p.closeWith("]")}
	return a
}

func (p *parser) dict() Node {
	open := p.open()
	d := &DictLit{}
	for !p.isPunct("}") {
		if p.cur().Kind == TokEOF {
			p.listError(open, "'}'")
		}
		k := p.expr()
		p.expectPunct(":")
		d.Keys = append(d.Keys, k)
		d.Values = append(d.Values, p.expr())
		if !p.isPunct(",") {
			if !p.isPunct("}") {
				p.listError(open, "'}'")
			}
			break
		}
		p.advance()
	}
	d.Span = source.Span{Start: open.Span.Start, End: p.closeWith("}")}
	return d
}
