package setuppy

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// extResult is what one Extension(...) call declares. Its unresolved parts
// are kept aside and reported only if the extension is handed to setup():
// a helper Extension that is never built is not worth a warning.
type extResult struct {
	ext   buildcfg.Extension
	unres []buildcfg.Unresolved
}

// extensionParams is the positional order of distutils' Extension().
var extensionParams = []string{
	"name", "sources", "include_dirs", "define_macros", "undef_macros",
	"library_dirs", "libraries", "runtime_library_dirs", "extra_objects",
	"extra_compile_args",
}

// extension reads an Extension(...) call, once per call node.
func (r *reader) extension(call *sitter.Node, sc *scope) *extResult {
	return r.extensionWith(call, sc, extensionParams)
}

// extensionWith reads a call that declares an extension, whose positional
// parameters are params (Extension's, or numpy.distutils' add_extension's).
func (r *reader) extensionWith(call *sitter.Node, sc *scope, params []string) *extResult {
	key := memoKey{call.Id(), r.env}
	if e, ok := r.exts[key]; ok {
		return e
	}
	res := &extResult{}
	r.exts[key] = res
	e := &res.ext
	e.Decl = r.span(call)
	e.Name.Span = e.Decl

	args := map[string]*sitter.Node{} // parameter -> value expression
	kwNode := map[string]*sitter.Node{}
	pos := 0
	for _, a := range r.elems(call.ChildByFieldName("arguments")) {
		switch a.Kind() {
		case "keyword_argument":
			name, val := a.ChildByFieldName("name"), a.ChildByFieldName("value")
			if name == nil || val == nil {
				continue
			}
			if _, dup := args[r.text(name)]; !dup {
				args[r.text(name)] = val
				kwNode[r.text(name)] = a
			}
		case "dictionary_splat":
			res.unres = append(res.unres, buildcfg.Unresolved{Span: r.span(a), What: "Extension(..., " + r.snippet(a) + ") (keyword values passed through a dict are not followed)"})
		case "list_splat":
			res.unres = append(res.unres, buildcfg.Unresolved{Span: r.span(a), What: "Extension(..., " + r.snippet(a) + ") (positional values passed through a list are not followed)"})
			pos = len(params) // later positions are unknown
		default:
			if pos < len(params) {
				args[params[pos]] = a
			}
			pos++
		}
	}
	if v := args["name"]; v != nil {
		nv := r.eval(v, sc)
		switch nv.kind {
		case vStr:
			e.Name = nv.str
		case vUnknown:
			e.Name.Span = r.span(v)
			res.unres = append(res.unres, r.unresolved("name", v, nv))
		default:
			e.Name.Span = r.span(v)
		}
	}
	r.sourcesOf(args["sources"], sc, res)
	e.Libraries = r.stringsOf("libraries", args["libraries"], sc, &res.unres)
	e.IncludeDirs = r.stringsOf("include_dirs", args["include_dirs"], sc, &res.unres)
	e.Defines = append(r.defineMacros(args["define_macros"], sc, &res.unres),
		compileDefines(r.stringsOf("extra_compile_args", args["extra_compile_args"], sc, &res.unres))...)
	if v := args["py_limited_api"]; v != nil {
		if lv := r.eval(v, sc); lv.kind == vBool && lv.b {
			e.PyLimitedAPI = &buildcfg.StringValue{Value: r.text(v), Span: r.span(kwNode["py_limited_api"])}
		}
	}
	if v := args["hpy_abi"]; v != nil {
		e.ABI = r.abiValue(v, sc, r.plainABILeaf)
	}
	if e.ABI == nil {
		for _, d := range e.Defines {
			if abi := buildcfg.ParseABI(d.Value); abi != buildcfg.ABIUnknown {
				e.ABI = &buildcfg.ABISetting{ABI: abi, Span: d.Span, Text: string(r.src[d.Span.Start:d.Span.End])}
				break
			}
		}
	}
	return res
}

// stringsOf evaluates a list of strings (sources, libraries...), noting
// into unres what it cannot resolve and keeping the rest.
func (r *reader) stringsOf(keyword string, expr *sitter.Node, sc *scope, unres *[]buildcfg.Unresolved) []buildcfg.StringValue {
	if expr == nil {
		return nil
	}
	var out []buildcfg.StringValue
	var walk func(v value)
	walk = func(v value) {
		switch v.kind {
		case vStr:
			out = append(out, v.str)
		case vList:
			for _, it := range v.items {
				walk(it)
			}
		case vNone:
		case vUnknown:
			*unres = append(*unres, r.unresolved(keyword, expr, v))
		default:
			*unres = append(*unres, r.unresolved(keyword, expr, unknown(v.node, "the value is not a string")))
		}
	}
	walk(r.eval(expr, sc))
	return out
}

// defineMacros reads define_macros=[('NAME', value), ...] into names.
func (r *reader) defineMacros(expr *sitter.Node, sc *scope, unres *[]buildcfg.Unresolved) []buildcfg.StringValue {
	if expr == nil {
		return nil
	}
	var out []buildcfg.StringValue
	note := func(v value) {
		*unres = append(*unres, r.unresolved("define_macros", expr, v))
	}
	v := r.eval(expr, sc)
	if v.kind != vList {
		if v.kind == vUnknown {
			note(v)
		}
		return nil
	}
	for _, it := range v.items {
		switch {
		case it.kind == vList && len(it.items) > 0 && it.items[0].kind == vStr:
			out = append(out, it.items[0].str)
		case it.kind == vList && len(it.items) > 0 && it.items[0].kind == vUnknown:
			note(it.items[0])
		case it.kind == vUnknown:
			note(it)
		}
	}
	return out
}

// compileDefines picks the macros defined by -DNAME, -D NAME or /DNAME in
// extra_compile_args.
func compileDefines(args []buildcfg.StringValue) []buildcfg.StringValue {
	var out []buildcfg.StringValue
	for i, a := range args {
		s := strings.TrimSpace(a.Value)
		if !strings.HasPrefix(s, "-D") && !strings.HasPrefix(s, "/D") {
			continue
		}
		name, sp := strings.TrimSpace(s[2:]), a.Span
		if name == "" && i+1 < len(args) {
			name, sp = strings.TrimSpace(args[i+1].Value), args[i+1].Span
		}
		if j := strings.IndexByte(name, '='); j >= 0 {
			name = name[:j]
		}
		if name != "" {
			out = append(out, buildcfg.StringValue{Value: name, Span: sp})
		}
	}
	return out
}
