package setuppy

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// When the override filters a list the reader cannot evaluate (extensions
// yielded by the methods of a helper module's classes, collected at build
// time), what it picks from is still written down: the Extension(...)
// calls of setup.py and of the local modules it imports. Those whose
// literal name passes the filter are the HPy extensions; setup()'s own
// entries were placeholders (Extension("", []) only to trigger build_ext).

// pickCandidates declares, as HPy extensions anchored at the filtering
// expression, the Extension(...) calls with a literal name that a move
// picks, and drops setup()'s nameless placeholders when it picked any.
func (r *reader) pickCandidates(moves []extMove) {
	picked := false
	seen := map[string]bool{}
	for _, e := range r.file.Extensions {
		seen[e.Name.Value] = true
	}
	for _, m := range append([]*reader{r}, r.importedModules()...) {
		for _, c := range m.calls {
			fn := c.n.ChildByFieldName("function")
			if fn == nil || !m.isExtensionCallee(fn) {
				continue
			}
			res := m.extension(c.n, c.sc)
			name := res.ext.Name.Value
			if name == "" || seen[name] {
				continue
			}
			for _, mv := range moves {
				if !mv.match(name) {
					continue
				}
				seen[name] = true
				picked = true
				r.addExt(r.rebaseExtFrom(res, mv.at, m), buildcfg.HPyExtension)
				break
			}
		}
	}
	if !picked {
		return
	}
	kept := r.file.Extensions[:0]
	for _, e := range r.file.Extensions {
		if e.Name.Value == "" && len(e.Sources) == 0 {
			continue // a placeholder the override replaces
		}
		kept = append(kept, e)
	}
	r.file.Extensions = kept
}

// rebaseExtFrom anchors an extension another module declares at the
// expression at of this reader's file.
func (r *reader) rebaseExtFrom(res *extResult, at *sitter.Node, from *reader) *extResult {
	if from == r {
		return res
	}
	return rebaseExt(res, r.span(at), " (in "+from.path+")")
}

// importedModules are the local modules setup.py imports at its top level.
func (r *reader) importedModules() []*reader {
	var out []*reader
	for _, c := range r.children(r.root) {
		var names []string
		switch c.Kind() {
		case "import_statement":
			for _, n := range r.fieldChildren(c, "name") {
				if n.Kind() == "aliased_import" {
					n = n.ChildByFieldName("name")
				}
				if n != nil {
					names = append(names, dotted(r.text(n)))
				}
			}
		case "import_from_statement":
			if mn := c.ChildByFieldName("module_name"); mn != nil && mn.Kind() != "relative_import" {
				names = append(names, dotted(r.text(mn)))
			}
		}
		for _, name := range names {
			if m := r.localModule(name); m != nil {
				out = append(out, m)
			}
		}
	}
	return out
}
