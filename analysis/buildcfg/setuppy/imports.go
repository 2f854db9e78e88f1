package setuppy

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// importNames records which local names stand for the things the reader
// recognises, so `from setuptools import setup as s` and `import sys as _sys`
// are followed. Imports anywhere in the file count: a setup.py that imports
// inside main() means the same names.
type importNames struct {
	setup     map[string]bool // setup()
	ext       map[string]bool // the Extension class
	setupMods map[string]bool // setuptools, distutils.core
	sys       map[string]bool
	argv      map[string]bool   // sys.argv imported by name
	pathMods  map[string]bool   // os.path
	pathFn    map[string]string // local name -> os.path function imported by name
	glob      map[string]bool   // glob.glob or glob.iglob imported by name
}

func newImportNames() importNames {
	return importNames{
		setup:     map[string]bool{"setup": true},
		ext:       map[string]bool{"Extension": true},
		setupMods: map[string]bool{"setuptools": true, "distutils.core": true},
		sys:       map[string]bool{"sys": true},
		argv:      map[string]bool{},
		pathMods:  map[string]bool{"os.path": true},
		pathFn:    map[string]string{},
		glob:      map[string]bool{},
	}
}

// add records the names an import statement binds.
func (m *importNames) add(r *reader, n *sitter.Node) {
	module := ""
	if mn := n.ChildByFieldName("module_name"); mn != nil {
		module = dotted(r.text(mn))
	}
	for _, c := range r.fieldChildren(n, "name") {
		name, alias := c, c
		if c.Kind() == "aliased_import" {
			name, alias = c.ChildByFieldName("name"), c.ChildByFieldName("alias")
			if name == nil || alias == nil {
				continue
			}
		}
		imported, local := dotted(r.text(name)), dotted(r.text(alias))
		if n.Kind() == "import_statement" {
			if c.Kind() != "aliased_import" {
				continue // `import os.path` binds os; the defaults cover it
			}
			m.module(imported, local)
			continue
		}
		m.module(module+"."+imported, local)
		switch {
		case imported == "setup":
			m.setup[local] = true
		case imported == "Extension":
			m.ext[local] = true
		case module == "sys" && imported == "argv":
			m.argv[local] = true
		}
		if module == "os.path" {
			m.pathFn[local] = imported
		}
		if module == "glob" && (imported == "glob" || imported == "iglob") {
			m.glob[local] = true
		}
	}
}

// module records local as a name for the module called full.
func (m *importNames) module(full, local string) {
	switch full {
	case "setuptools", "distutils.core":
		m.setupMods[local] = true
	case "sys":
		m.sys[local] = true
	case "os.path":
		m.pathMods[local] = true
	}
}

// dotted drops the blanks a dotted name may contain (`os . path`).
func dotted(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// fieldChildren returns the children of n stored under field.
func (r *reader) fieldChildren(n *sitter.Node, field string) []*sitter.Node {
	var out []*sitter.Node
	r.cur.Reset(*n)
	if !r.cur.GotoFirstChild() {
		return nil
	}
	for {
		if r.cur.FieldName() == field {
			out = append(out, r.cur.Node())
		}
		if !r.cur.GotoNextSibling() {
			break
		}
	}
	return out
}
