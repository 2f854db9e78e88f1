package setuppy

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// setupRequires reads setup_requires=[...]. The first setup() that has one
// wins; a second call in the same file is usually a fallback.
func (r *reader) setupRequires(k kwarg) {
	if r.file.SetupRequires != nil {
		return
	}
	v := r.eval(k.value, k.sc)
	var items []value
	switch v.kind {
	case vList:
		items = v.items
	case vStr:
		items = []value{v} // setuptools also takes one string
	case vUnknown:
		r.addUnresolved(r.unresolved(k.name, k.value, v))
		return
	default:
		return
	}
	rl := &buildcfg.RequirementList{Span: r.span(v.node), InsertAt: -1}
	quote := byte('"')
	var walk func(it value)
	walk = func(it value) {
		switch it.kind {
		case vStr:
			if name := buildcfg.RequirementName(it.str.Value); name != "" {
				rl.Entries = append(rl.Entries, buildcfg.Requirement{Name: name, Span: it.str.Span})
			}
			quote = r.quoteAt(it.str.Span.Start, quote)
		case vList:
			for _, x := range it.items {
				walk(x)
			}
		case vUnknown:
			r.addUnresolved(r.unresolved(k.name, k.value, it))
		}
	}
	for _, it := range items {
		walk(it)
	}
	if lit := r.listLiteral(v.node); lit != nil {
		r.insertionPoint(rl, lit, quote)
	}
	r.file.SetupRequires = rl
}

// listLiteral returns the list or tuple literal new entries can go into:
// the value itself, or the last operand of a concatenation.
func (r *reader) listLiteral(n *sitter.Node) *sitter.Node {
	n = r.unwrap(n)
	for n != nil && n.Kind() == "binary_operator" {
		n = r.unwrap(n.ChildByFieldName("right"))
	}
	if n != nil && (n.Kind() == "list" || n.Kind() == "tuple") {
		return n
	}
	return nil
}

// insertionPoint puts new entries after the last element, before any
// trailing comma, so `['hpy',]` becomes `['hpy', 'x',]`.
func (r *reader) insertionPoint(rl *buildcfg.RequirementList, lit *sitter.Node, quote byte) {
	q := string(quote)
	if el := r.elems(lit); len(el) > 0 {
		rl.InsertAt = int(el[len(el)-1].EndByte())
		rl.InsertText = ", " + q + "NAME" + q
		return
	}
	rl.InsertAt = int(lit.EndByte())
	if kids := r.children(lit); len(kids) > 0 {
		if last := kids[len(kids)-1]; !last.IsMissing() && (last.Kind() == "]" || last.Kind() == ")") {
			rl.InsertAt = int(last.StartByte())
		}
	}
	rl.InsertText = q + "NAME" + q
	if lit.Kind() == "tuple" {
		rl.InsertText += "," // ("x") would be a string, not a tuple
	}
}

// quoteAt returns the quote of the string literal starting at off (after
// any prefix letters), or def when there is none.
func (r *reader) quoteAt(off int, def byte) byte {
	for i := off; i >= 0 && i < len(r.src); i++ {
		switch c := r.src[i]; {
		case c == '\'' || c == '"':
			return c
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			continue
		default:
			return def
		}
	}
	return def
}
