package setuppy

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// A build_ext subclass may decide which extensions HPy builds, usually in
// finalize_options:
//
//	self.distribution.hpy_ext_modules = [e for e in exts if e.name.startswith('pkg._hpy')]
//
// The extensions setup() declares whose name passes such a literal filter
// are HPy extensions.

// extMove is one such filter.
type extMove struct {
	match func(name string) bool
	at    *sitter.Node // the filtering expression, where extensions it picks are anchored
}

// readMoves finds assignments to an attribute hpy_ext_modules anywhere in
// the file (class bodies included) and applies their filters to the plain
// extensions read so far.
func (r *reader) readMoves() {
	var moves []extMove
	for _, a := range r.assigns {
		left, right := a.n.ChildByFieldName("left"), a.n.ChildByFieldName("right")
		if left != nil && left.Kind() == "subscript" {
			left = left.ChildByFieldName("value") // hpy_ext_modules[:] = ... replaces the contents
		}
		if left == nil || right == nil || left.Kind() != "attribute" || lastName(r, left) != "hpy_ext_modules" {
			continue
		}
		if r.emptyList(r.unwrap(right)) {
			continue // a distribution class initialising the attribute moves nothing
		}
		m, ok := r.moveFilter(r.unwrap(right))
		if !ok {
			r.addUnresolved(buildcfg.Unresolved{Span: r.span(right), What: "hpy_ext_modules=" + r.snippet(right) + " (which extensions HPy builds is decided at build time)"})
			continue
		}
		m.at = right
		moves = append(moves, m)
		if r.file.HPyExtModules == nil {
			sp := r.span(left)
			r.file.HPyExtModules = &sp
		}
	}
	if len(moves) == 0 {
		return
	}
	moved := false
	for i := range r.file.Extensions {
		e := &r.file.Extensions[i]
		if e.Kind != buildcfg.PlainExtension || e.Name.Value == "" {
			continue
		}
		for _, m := range moves {
			if m.match(e.Name.Value) {
				e.Kind = buildcfg.HPyExtension
				moved = true
				break
			}
		}
	}
	if !moved {
		r.pickCandidates(moves)
	}
}

// moveFilter reads `[e for e in X if COND]` where COND tests e.name against
// literals: startswith/endswith (a string or a tuple of them), ==, in a
// literal list, or a literal `in e.name`; without COND, every extension.
func (r *reader) moveFilter(n *sitter.Node) (extMove, bool) {
	if n.Kind() != "list_comprehension" {
		return extMove{}, false
	}
	var variable string
	var cond *sitter.Node
	for _, c := range r.elems(n) {
		switch c.Kind() {
		case "for_in_clause":
			// for package in packages for ext in package.get_extensions():
			// the last clause's variable is the extension.
			left := c.ChildByFieldName("left")
			if cond != nil || left == nil || left.Kind() != "identifier" {
				return extMove{}, false
			}
			variable = r.text(left)
		case "if_clause":
			e := r.elems(c)
			if cond != nil || len(e) != 1 {
				return extMove{}, false
			}
			cond = e[0]
		}
	}
	body := n.ChildByFieldName("body")
	if variable == "" || body == nil || !r.passesThrough(body, variable) {
		return extMove{}, false
	}
	if cond == nil {
		// [finish(e) for p in packages for e in p.get_extensions()]: every
		// extension the build collects is an HPy one.
		return extMove{match: func(string) bool { return true }}, true
	}
	match, ok := r.nameTest(r.unwrap(cond), variable)
	return extMove{match: match}, ok
}

// nameTest turns a condition on v.name into a predicate on names.
func (r *reader) nameTest(cond *sitter.Node, v string) (func(string) bool, bool) {
	isName := func(n *sitter.Node) bool {
		n = r.unwrap(n)
		return n != nil && n.Kind() == "attribute" && dotted(r.text(n)) == v+".name"
	}
	lits := func(n *sitter.Node) ([]string, bool) {
		val := r.eval(r.unwrap(n), r.module)
		var out []string
		switch val.kind {
		case vStr:
			return []string{val.str.Value}, true
		case vList:
			for _, it := range val.items {
				if it.kind != vStr {
					return nil, false
				}
				out = append(out, it.str.Value)
			}
			return out, len(out) > 0
		}
		return nil, false
	}
	switch cond.Kind() {
	case "not_operator":
		arg := cond.ChildByFieldName("argument")
		if arg == nil {
			return nil, false
		}
		f, ok := r.nameTest(r.unwrap(arg), v)
		return func(s string) bool { return !f(s) }, ok
	case "call":
		fn, args := cond.ChildByFieldName("function"), r.elems(cond.ChildByFieldName("arguments"))
		if fn == nil || fn.Kind() != "attribute" || !isName(fn.ChildByFieldName("object")) || len(args) != 1 {
			return nil, false
		}
		ls, ok := lits(args[0])
		test := strings.HasPrefix
		switch lastName(r, fn) {
		case "startswith":
		case "endswith":
			test = strings.HasSuffix
		default:
			return nil, false
		}
		return func(s string) bool {
			for _, l := range ls {
				if test(s, l) {
					return true
				}
			}
			return false
		}, ok
	case "comparison_operator":
		e := r.elems(cond)
		ops := r.fieldChildren(cond, "operators")
		if len(e) != 2 || len(ops) != 1 {
			return nil, false
		}
		op := strings.Join(strings.Fields(r.text(ops[0])), " ")
		switch {
		case (op == "==" || op == "in") && isName(e[0]):
			ls, ok := lits(e[1])
			return func(s string) bool {
				for _, l := range ls {
					if s == l {
						return true
					}
				}
				return false
			}, ok
		case op == "in" && isName(e[1]):
			ls, ok := lits(e[0])
			if len(ls) != 1 {
				return nil, false
			}
			return func(s string) bool { return strings.Contains(s, ls[0]) }, ok
		}
	}
	return nil, false
}

// emptyList reports whether n is the literal [] (or list()).
func (r *reader) emptyList(n *sitter.Node) bool {
	switch {
	case n == nil:
		return false
	case n.Kind() == "list":
		return n.NamedChildCount() == 0
	case n.Kind() == "call":
		fn, args := n.ChildByFieldName("function"), n.ChildByFieldName("arguments")
		return fn != nil && fn.Kind() == "identifier" && r.text(fn) == "list" && args != nil && args.NamedChildCount() == 0
	}
	return false
}

// passesThrough reports whether a comprehension's body keeps the item v:
// v itself, or a call that is handed v (finalize(dist, ext)), taken to
// return it adjusted, as build_ext overrides do.
func (r *reader) passesThrough(body *sitter.Node, v string) bool {
	body = r.unwrap(body)
	if body.Kind() == "identifier" {
		return r.text(body) == v
	}
	if body.Kind() != "call" {
		return false
	}
	for _, a := range r.elems(body.ChildByFieldName("arguments")) {
		if a.Kind() == "identifier" && r.text(a) == v {
			return true
		}
	}
	return false
}
