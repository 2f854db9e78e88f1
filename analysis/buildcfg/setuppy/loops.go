package setuppy

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// maxIterations bounds the loop iterations one ReadIn unrolls, all loops
// and comprehensions together, so nested loops over long lists stay cheap.
const maxIterations = 4096

// boundName is a name bound to a known value inside a region of the tree:
// a loop variable inside its loop, a comprehension variable inside the
// comprehension, a parameter inside its function.
type boundName struct {
	name       string
	start, end uint
	v          value
}

// boundValue finds the innermost binding of name that covers the use id.
func (r *reader) boundValue(id *sitter.Node) (value, bool) {
	name, at := r.text(id), id.StartByte()
	for i := len(r.bound) - 1; i >= 0; i-- {
		b := r.bound[i]
		if b.name == name && b.start <= at && at < b.end {
			return b.v, true
		}
	}
	return value{}, false
}

// with evaluates f with names bound over region, under a fresh memo
// environment.
func (r *reader) with(names []boundName, f func() []value) []value {
	if len(names) == 0 {
		return f() // nothing new is bound: memoised values still hold
	}
	saved, savedEnv := len(r.bound), r.env
	r.bound = append(r.bound, names...)
	r.envSeq++
	r.env = r.envSeq
	defer func() { r.bound, r.env = r.bound[:saved], savedEnv }()
	return f()
}

// bindTarget pairs a for target with one item of the iterable: a name, or
// a tuple of names with a tuple item of the same length.
func (r *reader) bindTarget(target *sitter.Node, item value, region *sitter.Node) ([]boundName, bool) {
	start, end := region.StartByte(), region.EndByte()
	switch target.Kind() {
	case "identifier":
		return []boundName{{name: r.text(target), start: start, end: end, v: item}}, true
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list":
		ts := r.elems(target)
		if item.kind != vList || len(item.items) != len(ts) {
			return nil, false
		}
		var out []boundName
		for i, t := range ts {
			b, ok := r.bindTarget(t, item.items[i], region)
			if !ok {
				return nil, false
			}
			out = append(out, b...)
		}
		return out, true
	}
	return nil, false
}

// unroll evaluates leaf once for every combination of the items of loops
// (outermost first), each a for statement or clause with a target, an
// iterable and the region its variable is visible in. An iterable that
// cannot be followed, or an item that cannot be bound, gives one unknown
// value in place of what it would have produced.
func (r *reader) unroll(loops []loopHead, sc *scope, leaf func() []value) []value {
	if len(loops) == 0 {
		return leaf()
	}
	l := loops[0]
	iter := r.eval(l.iter, sc)
	if iter.kind != vList {
		if iter.kind == vUnknown {
			return []value{iter} // it says what cannot be followed
		}
		return []value{unknown(l.iter, "the loop runs over a value the reader cannot list")}
	}
	var out []value
	for _, item := range iter.items {
		if item.kind == vUnknown {
			out = append(out, item)
			continue
		}
		names, ok := r.bindTarget(l.target, item, l.region)
		if !ok {
			return append(out, unknown(l.target, "the loop variables cannot be paired with the items of "+r.snippet(l.iter)))
		}
		if r.session == nil || r.session.budget <= 0 {
			return append(out, unknown(l.iter, "the loop is too long to unroll"))
		}
		r.session.budget--
		out = append(out, r.with(names, func() []value { return r.unroll(loops[1:], sc, leaf) })...)
		if len(out) > maxItems {
			return append(out[:maxItems:maxItems], unknown(l.iter, "the list is too large to follow"))
		}
	}
	return out
}

// loopHead is one for statement or comprehension clause.
type loopHead struct {
	target, iter, region *sitter.Node
}

// enclosingLoops returns the for statements of scope sc whose body holds n,
// outermost first; ok is false when n is inside a loop the reader cannot
// unroll (a while loop).
func (r *reader) enclosingLoops(n *sitter.Node, sc *scope) (loops []loopHead, ok bool) {
	stop := sc.node
	for c, p := n, n.Parent(); p != nil; c, p = p, p.Parent() {
		if stop != nil && p.Id() == stop.Id() {
			break
		}
		switch p.Kind() {
		case "while_statement":
			return nil, false
		case "for_statement":
			body := p.ChildByFieldName("body")
			if body == nil || c.Id() != body.Id() {
				continue // the iterable, or the else clause: run once
			}
			left, right := p.ChildByFieldName("left"), p.ChildByFieldName("right")
			if left == nil || right == nil {
				return nil, false
			}
			loops = append([]loopHead{{target: left, iter: right, region: body}}, loops...)
		}
	}
	return loops, true
}

// evalInLoops evaluates n, an expression of a statement of scope sc, once
// per iteration of the for loops around it.
func (r *reader) evalInLoops(n *sitter.Node, sc *scope) ([]value, bool) {
	loops, ok := r.enclosingLoops(n, sc)
	if !ok {
		return nil, false
	}
	return r.unroll(loops, sc, func() []value { return []value{r.eval(n, sc)} }), true
}

// evalComprehension unrolls a list comprehension or generator expression
// over known lists. A filtering `if` clause is not evaluated: the list
// then depends on the build.
func (r *reader) evalComprehension(n *sitter.Node, sc *scope) value {
	body := n.ChildByFieldName("body")
	if body == nil {
		return unknown(n, "a comprehension is evaluated at build time")
	}
	var loops []loopHead
	for _, c := range r.elems(n) {
		switch c.Kind() {
		case "for_in_clause":
			left, right := c.ChildByFieldName("left"), c.ChildByFieldName("right")
			if left == nil || right == nil {
				return unknown(n, "a comprehension is evaluated at build time")
			}
			loops = append(loops, loopHead{target: left, iter: right, region: n})
		case "if_clause":
			return unknown(n, "a comprehension with a condition is evaluated at build time")
		}
	}
	if len(loops) == 0 {
		return unknown(n, "a comprehension is evaluated at build time")
	}
	return listOf(n, r.unroll(loops, sc, func() []value { return []value{r.eval(body, sc)} }))
}

// inIteration reports whether stmt, an assignment inside for loops, and the
// use at pos are in the iteration being unrolled: the use is in the body of
// each of those loops, whose variables are bound. The assignment then
// holds the value of that iteration.
func (r *reader) inIteration(stmt *sitter.Node, sc *scope, pos uint) bool {
	loops, ok := r.enclosingLoops(stmt, sc)
	if !ok || len(loops) == 0 {
		return false
	}
	for _, l := range loops {
		start, end := l.region.StartByte(), l.region.EndByte()
		if pos < start || pos >= end {
			return false
		}
		bound := false
		for _, b := range r.bound {
			if b.start == start && b.end == end {
				bound = true
				break
			}
		}
		if !bound {
			return false
		}
	}
	return true
}
