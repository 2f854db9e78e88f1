package setuppy

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Local modules: a setup.py often imports helpers from a file beside it
// (`from _build import extensions`, `import buildtools`). Python finds them
// on sys.path[0], the setup.py's directory; the reader reads them from the
// project snapshot and evaluates the names setup.py uses from them. A value
// made there is re-anchored to the expression of setup.py that brings it in,
// the place a finding about it can point at.

// maxModules bounds the local modules one ReadIn reads.
const maxModules = 16

// localModule returns the reader of the module a dotted import names, if it
// is a file of the project in the build's directory; nil otherwise.
func (r *reader) localModule(dottedName string) *reader {
	s := r.session
	if s == nil || s.files == nil || dottedName == "" || strings.HasPrefix(dottedName, ".") {
		return nil
	}
	base := path.Join(r.buildDir(), strings.ReplaceAll(dottedName, ".", "/"))
	for _, p := range []string{base + ".py", base + "/__init__.py"} {
		if sub, seen := s.modules[p]; seen {
			if sub != nil {
				return sub
			}
			continue
		}
		if p == s.setupPy {
			return nil
		}
		content, ok := s.files.Content(p)
		if !ok {
			s.modules[p] = nil // an installed package (setuptools.command...): not a budget item
			continue
		}
		if s.read >= maxModules {
			return nil
		}
		s.read++
		sub := s.parse(p, content, &buildcfg.File{Path: p})
		s.modules[p] = sub
		if sub != nil {
			sub.prepare(sub.root)
		}
		return sub
	}
	return nil
}

// importOf tells what an import statement binds name to: a module imported
// whole (member "") or a member of one.
func (r *reader) importOf(stmt *sitter.Node, name string) (module, member string, ok bool) {
	if stmt == nil {
		return "", "", false
	}
	switch stmt.Kind() {
	case "import_statement":
		for _, c := range r.fieldChildren(stmt, "name") {
			if c.Kind() == "aliased_import" {
				n, a := c.ChildByFieldName("name"), c.ChildByFieldName("alias")
				if n != nil && a != nil && r.text(a) == name {
					return dotted(r.text(n)), "", true
				}
			} else if dotted(r.text(c)) == name {
				return name, "", true
			}
		}
	case "import_from_statement":
		mn := stmt.ChildByFieldName("module_name")
		if mn == nil || mn.Kind() == "relative_import" {
			return "", "", false
		}
		for _, c := range r.fieldChildren(stmt, "name") {
			imported, local := c, c
			if c.Kind() == "aliased_import" {
				imported, local = c.ChildByFieldName("name"), c.ChildByFieldName("alias")
				if imported == nil || local == nil {
					continue
				}
			}
			if dotted(r.text(local)) == name {
				return dotted(r.text(mn)), dotted(r.text(imported)), true
			}
		}
	}
	return "", "", false
}

// importedValue evaluates a name setup.py imports from a local module.
func (r *reader) importedValue(use, stmt *sitter.Node, name string) (value, bool) {
	module, member, ok := r.importOf(stmt, name)
	if !ok || member == "" {
		return value{}, false
	}
	sub := r.localModule(module)
	if sub == nil {
		return value{}, false
	}
	return r.rebase(sub.topValue(member), use, sub), true
}

// importedModule is the local module a name stands for when it was bound
// by `import mod`.
func (r *reader) importedModule(id *sitter.Node, sc *scope) *reader {
	if id == nil || id.Kind() != "identifier" || sc == nil {
		return nil
	}
	b, ok := r.lookup(sc, r.text(id), id.StartByte())
	if !ok || len(b.events) == 0 || b.events[0].kind != evOpaque {
		return nil
	}
	module, member, ok := r.importOf(b.events[0].stmt, r.text(id))
	if !ok || member != "" {
		return nil
	}
	return r.localModule(module)
}

// evalModuleAttr evaluates mod.NAME for a local module imported whole.
func (r *reader) evalModuleAttr(n, obj *sitter.Node, attr string) (value, bool) {
	sub := r.importedModule(obj, r.scopeAt(n))
	if sub == nil {
		return value{}, false
	}
	return r.rebase(sub.topValue(attr), n, sub), true
}

// evalModuleCall evaluates mod.func(...) for a local module imported whole.
func (r *reader) evalModuleCall(call, fn *sitter.Node, sc *scope) (value, bool) {
	sub := r.importedModule(fn.ChildByFieldName("object"), sc)
	attr := fn.ChildByFieldName("attribute")
	if sub == nil || attr == nil {
		return value{}, false
	}
	return r.callIn(sub, r.text(attr), call, sc)
}

// evalImportedCall evaluates func(...) for a function setup.py imports by
// name from a local module.
func (r *reader) evalImportedCall(call, fn *sitter.Node, sc *scope) (value, bool) {
	b, ok := r.lookup(sc, r.text(fn), fn.StartByte())
	if !ok || len(b.events) == 0 || b.events[0].kind != evOpaque {
		return value{}, false
	}
	module, member, ok := r.importOf(b.events[0].stmt, r.text(fn))
	if !ok || member == "" {
		return value{}, false
	}
	sub := r.localModule(module)
	if sub == nil {
		return value{}, false
	}
	return r.callIn(sub, member, call, sc)
}

// callIn calls the module-level function name of sub with the arguments of
// call, which are evaluated here.
func (r *reader) callIn(sub *reader, name string, call *sitter.Node, sc *scope) (value, bool) {
	def, fs := sub.findFunc(sub.module, name)
	if def == nil || fs == nil {
		if v := sub.topValue(name); v.kind != vUnknown {
			return unknown(call, r.snippet(call.ChildByFieldName("function"))+"(...) is evaluated at build time"), true
		}
		return value{}, false
	}
	var args []callArg
	for _, a := range r.callArgs(call, sc) {
		args = append(args, callArg{name: a.name, v: detach(a.v)})
	}
	return r.rebase(sub.evalFuncCall(def, def, fs, args), call, sub), true
}

// topValue is what a module-level name holds once the module has run.
func (r *reader) topValue(name string) value {
	if def, _ := r.findFunc(r.module, name); def != nil {
		if _, ok := r.lookup(r.module, name, ^uint(0)); !ok {
			return value{kind: vFunc, node: def, str: r.stringAt(name+"()", def)}
		}
	}
	return r.evalNameAt(name, r.module, ^uint(0), r.root)
}

// scopeAt is the scope whose code holds n: the innermost function around
// it, or the module.
func (r *reader) scopeAt(n *sitter.Node) *scope {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == "function_definition" {
			if s := r.scopes[p.Id()]; s != nil {
				return s
			}
		}
	}
	return r.module
}

// detach drops the nodes of a known value, so another reader can hold it
// without reading this reader's text at that node's offsets.
func detach(v value) value {
	v.node = nil
	if v.kind == vList {
		items := make([]value, len(v.items))
		for i, it := range v.items {
			items[i] = detach(it)
		}
		v.items = items
	}
	return v
}

// rebase re-anchors a value made by reader from at the expression at of
// this reader: every span becomes at's, every unknown points at it and
// says where in the other file the reason lies.
func (r *reader) rebase(v value, at *sitter.Node, from *reader) value {
	if from == r {
		return v
	}
	sp := r.span(at)
	where := " (in " + path.Base(from.path) + ")"
	switch v.kind {
	case vStr:
		v.str.Span = sp
	case vFunc:
		v.str.Span = sp
	case vList:
		items := make([]value, len(v.items))
		for i, it := range v.items {
			items[i] = r.rebase(it, at, from)
		}
		v.items = items
	case vExt:
		v.ext = rebaseExt(v.ext, sp, where)
	case vUnknown:
		why := v.why
		if v.node != nil {
			why = from.snippet(v.node) + ": " + why
		}
		return unknown(at, why+where)
	case vDict, vConfig:
		return unknown(at, "a value made in "+path.Base(from.path)+" that the reader does not follow")
	}
	v.node = at
	return v
}

// rebaseExt copies an extension declared in another file with every span
// moved to sp.
func rebaseExt(res *extResult, sp source.Span, where string) *extResult {
	e := res.ext
	e.Decl, e.Name.Span = sp, sp
	move := func(vs []buildcfg.StringValue) []buildcfg.StringValue {
		out := make([]buildcfg.StringValue, len(vs))
		for i, v := range vs {
			out[i] = buildcfg.StringValue{Value: v.Value, Span: sp}
		}
		return out
	}
	e.Sources, e.Libraries, e.IncludeDirs, e.Defines, e.Generated = move(e.Sources), move(e.Libraries), move(e.IncludeDirs), move(e.Defines), move(e.Generated)
	if e.PyLimitedAPI != nil {
		v := *e.PyLimitedAPI
		v.Span = sp
		e.PyLimitedAPI = &v
	}
	if e.ABI != nil {
		a := *e.ABI
		a.Span = sp
		e.ABI = &a
	}
	if e.SourcesIncomplete != nil {
		u := buildcfg.Unresolved{Span: sp, What: e.SourcesIncomplete.What + where}
		e.SourcesIncomplete = &u
	}
	out := &extResult{ext: e}
	for _, u := range res.unres {
		out.unres = append(out.unres, buildcfg.Unresolved{Span: sp, What: u.What + where})
	}
	return out
}
