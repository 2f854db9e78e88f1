package declgen

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Tree is what one CPython header tree declares.
type Tree struct {
	Release string           // PY_VERSION from patchlevel.h, e.g. "3.11.7"
	Files   []string         // the headers read, relative to the tree, sorted
	Names   map[string]Kinds // every declared name and what it is declared as
}

// Kinds is the set of kinds a name is declared as.
type Kinds map[Kind]bool

// ScanTree reads the public headers of a CPython include directory: an
// installed one (/usr/include/python3.11) or a checkout's Include/. Public
// means the directory's own *.h and cpython/*.h; internal/ holds CPython's
// private headers, and pyconfig.h (absent from a checkout) is the build's
// configuration (HAVE_*, SIZEOF_*), not API.
func ScanTree(dir string) (*Tree, error) {
	var files []string
	for _, pattern := range []string{"*.h", filepath.Join("cpython", "*.h")} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		for _, f := range m {
			rel, err := filepath.Rel(dir, f)
			if err != nil {
				return nil, err
			}
			if rel != "pyconfig.h" {
				files = append(files, filepath.ToSlash(rel))
			}
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no headers", dir)
	}
	t := &Tree{Files: files, Names: map[string]Kinds{}}
	for _, rel := range files {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		for _, d := range ScanHeader(src) {
			if t.Names[d.Name] == nil {
				t.Names[d.Name] = Kinds{}
			}
			t.Names[d.Name][d.Kind] = true
		}
		if rel == "patchlevel.h" {
			t.Release = pyVersion(src)
		}
	}
	if t.Release == "" {
		return nil, fmt.Errorf("%s: no PY_VERSION in patchlevel.h: not a CPython include directory", dir)
	}
	return t, nil
}

// pyVersion reads `#define PY_VERSION "3.11.7"`.
func pyVersion(src []byte) string {
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		return ""
	}
	tree := p.Parse(src, nil)
	defer tree.Close()
	var found string
	var visit func(n *sitter.Node)
	visit = func(n *sitter.Node) {
		if found != "" {
			return
		}
		if n.Kind() == "preproc_def" {
			name, value := n.ChildByFieldName("name"), n.ChildByFieldName("value")
			if name != nil && value != nil && name.Utf8Text(src) == "PY_VERSION" {
				found = strings.Trim(strings.TrimSpace(value.Utf8Text(src)), `"`)
				return
			}
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			visit(n.Child(i))
		}
	}
	visit(tree.RootNode())
	return found
}
