package setuppy

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// callArg is one argument of a call to a helper function, evaluated in the
// caller's scope.
type callArg struct {
	name string // keyword, or "" for a positional argument
	v    value
}

// callArgs evaluates the plain positional and keyword arguments of a call;
// a *list or **dict argument makes the positions after it unknown, so
// nothing is returned then.
func (r *reader) callArgs(call *sitter.Node, sc *scope) []callArg {
	var out []callArg
	for _, a := range r.elems(call.ChildByFieldName("arguments")) {
		switch a.Kind() {
		case "keyword_argument":
			k, v := a.ChildByFieldName("name"), a.ChildByFieldName("value")
			if k != nil && v != nil {
				out = append(out, callArg{name: r.text(k), v: r.eval(v, sc)})
			}
		case "list_splat", "dictionary_splat":
			return nil
		default:
			out = append(out, callArg{v: r.eval(a, sc)})
		}
	}
	return out
}

// maxBoundCalls bounds the helper calls one ReadIn evaluates with bound
// arguments; past it, parameters stay unresolved and results are shared.
const maxBoundCalls = 1024

// bindParams pairs a function's plain parameters with the arguments of one
// call. Only values fully known are bound (a string, a list of them...): an
// unknown argument leaves its parameter unresolved, as does a parameter
// the call does not pass (its default is not followed).
func (r *reader) bindParams(def *sitter.Node, fs *scope, args []callArg) []boundName {
	if r.session == nil || r.session.calls <= 0 {
		return nil
	}
	body := def.ChildByFieldName("body")
	if body == nil {
		return nil
	}
	var params []string
	defaults := map[string]*sitter.Node{}
	for _, p := range r.elems(def.ChildByFieldName("parameters")) {
		switch p.Kind() {
		case "identifier":
			params = append(params, r.text(p))
		case "default_parameter", "typed_default_parameter":
			if n := p.ChildByFieldName("name"); n != nil {
				params = append(params, r.text(n))
				defaults[r.text(n)] = p.ChildByFieldName("value")
			}
		case "typed_parameter":
			if id := firstIdentifier(r, p); id != nil {
				params = append(params, r.text(id))
			}
		default:
			params = append(params, "") // *args, **kw, / and *: positions after are not paired
		}
	}
	var out []boundName
	passed := map[string]bool{}
	bind := func(name string, v value) {
		passed[name] = true
		if name != "" && fs.params[name] && known(v) {
			out = append(out, boundName{name: name, start: body.StartByte(), end: body.EndByte(), v: v})
		}
	}
	pos := 0
	for _, a := range args {
		if a.name != "" {
			bind(a.name, a.v)
			continue
		}
		if pos < len(params) {
			bind(params[pos], a.v)
		}
		pos++
	}
	// A default is evaluated where the function is defined.
	for name, d := range defaults {
		if !passed[name] && d != nil && fs.parent != nil {
			bind(name, r.eval(d, fs.parent))
		}
	}
	if len(out) > 0 {
		r.session.calls--
	}
	return out
}

// known reports whether a value holds nothing unknown and no node of a
// tree another reader may not own (an extension, a dict of expressions).
func known(v value) bool {
	switch v.kind {
	case vStr, vBool, vNone:
		return true
	case vList:
		for _, it := range v.items {
			if !known(it) {
				return false
			}
		}
		return true
	}
	return false
}
