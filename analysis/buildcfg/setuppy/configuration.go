package setuppy

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// numpy.distutils: a setup.py defines configuration(parent_package,
// top_path), makes `config = Configuration('core', parent_package, top_path)`
// and declares extensions with config.add_extension(name, sources, ...) or
// numpy-hpy's config.add_hpy_extension. The function is called by the
// parent package's setup.py, so it counts wherever it is defined. Names are
// relative to the package, sources and include directories to the
// setup.py's directory, and the include directories added to the
// configuration apply to all its extensions.

// addExtensionParams is the positional order of Configuration.add_extension.
var addExtensionParams = []string{"name", "sources"}

func (r *reader) readConfigurations() {
	type declared struct {
		res  *extResult
		kind buildcfg.ExtensionKind
		cfg  uintptr
	}
	var exts []declared
	includes := map[uintptr][]buildcfg.StringValue{} // Configuration(...) call -> its include dirs
	for _, c := range r.calls {
		fn := c.n.ChildByFieldName("function")
		if c.sc == nil || fn == nil || fn.Kind() != "attribute" {
			continue
		}
		obj, method := fn.ChildByFieldName("object"), lastName(r, fn)
		switch method {
		case "add_extension", "add_hpy_extension", "add_include_dirs", "extend", "append":
		default:
			continue
		}
		if method == "extend" || method == "append" {
			// config.numpy_include_dirs.extend(config.paths('include'))
			if obj == nil || obj.Kind() != "attribute" || lastName(r, obj) != "numpy_include_dirs" {
				continue
			}
			obj = obj.ChildByFieldName("object")
		}
		cfg := r.configurationOf(obj, c.sc)
		if cfg == nil {
			continue
		}
		switch method {
		case "add_extension", "add_hpy_extension":
			kind := buildcfg.PlainExtension
			if method == "add_hpy_extension" {
				kind = buildcfg.HPyExtension
			}
			pkg, pkgKnown := r.configPackage(cfg, c.sc)
			for _, v := range r.configExtensions(c) {
				if v.kind == vUnknown {
					r.addUnresolved(r.unresolved(method, c.n, v))
					continue
				}
				res := v.ext
				if res.ext.Name.Value != "" && !pkgKnown {
					res.unres = append(res.unres, buildcfg.Unresolved{Span: r.span(cfg), What: r.snippet(cfg) + " (the package name is computed at build time)"})
					res.ext.Name.Value = ""
				}
				res.ext.Name.Value = dotJoin(pkg, res.ext.Name.Value)
				exts = append(exts, declared{res, kind, cfg.Id()})
			}
		default:
			var ignored []buildcfg.Unresolved // an include dir hpylint cannot follow only means fewer headers reached
			for _, a := range r.elems(c.n.ChildByFieldName("arguments")) {
				includes[cfg.Id()] = append(includes[cfg.Id()], r.stringsOf("include_dirs", a, c.sc, &ignored)...)
			}
		}
	}
	if len(exts) > 0 {
		r.file.BuiltByParent = true
	}
	for _, d := range exts {
		d.res.ext.IncludeDirs = append(d.res.ext.IncludeDirs, includes[d.cfg]...)
		r.addExt(d.res, d.kind)
	}
}

// configExtensions reads one add_extension call, once per iteration of the
// for loops around it (numpy declares families of extensions in a loop).
func (r *reader) configExtensions(c scopedNode) []value {
	read := func() []value {
		r.expandsPatterns = true
		defer func() { r.expandsPatterns = false }()
		return []value{{kind: vExt, ext: r.extensionWith(c.n, c.sc, addExtensionParams), node: c.n}}
	}
	loops, ok := r.enclosingLoops(c.n, c.sc)
	if !ok {
		return read()
	}
	return r.unroll(loops, c.sc, read)
}

// configurationOf returns the Configuration(...) call an expression
// evaluates to, or nil.
func (r *reader) configurationOf(obj *sitter.Node, sc *scope) *sitter.Node {
	if obj == nil {
		return nil
	}
	if v := r.eval(obj, sc); v.kind == vConfig && v.node != nil {
		return v.node
	}
	return nil
}

// configPackage is the dotted package of a Configuration(name, parent, ...):
// parent.name when both are written, else name placed in the package the
// setup.py's directory is (its __init__.py files tell where the package
// path starts).
func (r *reader) configPackage(call *sitter.Node, sc *scope) (string, bool) {
	var args []*sitter.Node
	kw := map[string]*sitter.Node{}
	for _, a := range r.elems(call.ChildByFieldName("arguments")) {
		if a.Kind() == "keyword_argument" {
			if k, v := a.ChildByFieldName("name"), a.ChildByFieldName("value"); k != nil && v != nil {
				kw[r.text(k)] = v
			}
			continue
		}
		args = append(args, a)
	}
	arg := func(i int, name string) *sitter.Node {
		if i < len(args) {
			return args[i]
		}
		return kw[name]
	}
	name := ""
	if n := arg(0, "package_name"); n != nil {
		switch v := r.eval(n, sc); v.kind {
		case vStr:
			name = v.str.Value
		case vNone:
		default:
			return "", false
		}
	}
	if p := arg(1, "parent_name"); p != nil {
		if v := r.eval(p, sc); v.kind == vStr {
			return dotJoin(v.str.Value, name), true
		}
	}
	dir := r.buildDir()
	for i := strings.Count(name, ".") + 1; name != "" && i > 0 && dir != "."; i-- {
		dir = path.Dir(dir)
	}
	return dotJoin(r.packageOf(dir), name), true
}

// packageOf is the dotted package a directory is: its path components up
// to the first directory without __init__.py. Without the project's files
// every component counts.
func (r *reader) packageOf(dir string) string {
	var comps []string
	for d := dir; d != "." && d != "" && d != "/"; d = path.Dir(d) {
		if r.session != nil && r.session.files != nil && !r.session.files.Exists(d+"/__init__.py") {
			break
		}
		comps = append([]string{path.Base(d)}, comps...)
	}
	return strings.Join(comps, ".")
}

func dotJoin(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}
