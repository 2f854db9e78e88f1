package setuppy

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// readSetup reads one setup(...) call made from scope sc.
func (r *reader) readSetup(call *sitter.Node, sc *scope) {
	args := call.ChildByFieldName("arguments")
	var kws []kwarg
	for _, a := range r.elems(args) {
		switch a.Kind() {
		case "keyword_argument":
			name, val := a.ChildByFieldName("name"), a.ChildByFieldName("value")
			if name != nil && val != nil {
				kws = append(kws, kwarg{name: r.text(name), arg: a, value: val, sc: sc})
			}
		case "dictionary_splat":
			// setup(**kwargs) with kwargs = dict(...) or {...} is common.
			d := value{kind: vDict}
			r.splatInto(&d, a, sc)
			kws = append(kws, d.kw...)
			for _, u := range d.items {
				what := "setup(" + r.snippet(a) + ")"
				if u.node != nil && u.node.Id() != a.Id() {
					what += ": " + r.snippet(u.node)
				} else {
					u.node = a
				}
				r.addUnresolved(buildcfg.Unresolved{Span: r.span(u.node), What: what + " (" + u.why + ")"})
			}
		}
	}
	for _, k := range kws {
		switch k.name {
		case "name":
			if v := r.eval(k.value, k.sc); v.kind == vStr && r.file.ProjectName == nil {
				name := v.str
				r.file.ProjectName = &name
			}
		case "hpy_ext_modules":
			if r.file.HPyExtModules == nil {
				sp := r.span(k.arg)
				r.file.HPyExtModules = &sp
			}
			r.extList(k, buildcfg.HPyExtension)
		case "ext_modules":
			r.extList(k, buildcfg.PlainExtension)
		case "setup_requires":
			r.setupRequires(k)
		case "hpy_abi":
			r.abiKeyword(k.value, k.sc)
		case "distclass":
			r.distClass(k)
		}
	}
	r.nestedABI(args, sc)
}

// extList adds the extensions of hpy_ext_modules or ext_modules.
func (r *reader) extList(k kwarg, kind buildcfg.ExtensionKind) {
	var walk func(v value)
	walk = func(v value) {
		switch v.kind {
		case vExt:
			r.addExt(v.ext, kind)
		case vList:
			for _, it := range v.items {
				walk(it)
			}
		case vForeignExt, vNone:
			// Another toolchain's extension class (Pybind11Extension...) is
			// not an Extension the HPy checks apply to.
		case vUnknown:
			r.addUnresolved(r.unresolved(k.name, k.value, v))
		default:
			r.addUnresolved(r.unresolved(k.name, k.value, unknown(v.node, "the value is not an Extension(...) call")))
		}
	}
	walk(r.eval(k.value, k.sc))
}

// addExt records an extension once per list kind: the same Extension
// object may be passed to two setup() calls.
func (r *reader) addExt(res *extResult, kind buildcfg.ExtensionKind) {
	key := extKey{res, kind}
	if r.extSeen[key] {
		return
	}
	r.extSeen[key] = true
	e := res.ext
	e.Kind = kind
	r.file.Extensions = append(r.file.Extensions, e)
	for _, u := range res.unres {
		r.addUnresolved(u)
	}
}
