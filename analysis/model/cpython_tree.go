package model

import (
	"path"
	"strings"
	"sync"
)

// A copy of CPython's own sources or headers in the project (vendored for
// an embedded build, or a checkout beside it) defines CPython's names:
// they stay CPython's. Such a tree is recognised by its headers: Python.h
// beside patchlevel.h (a project's own Python.h, such as the one hpy.devel
// puts first to forbid the include, comes alone).

type cpythonTrees struct {
	once  sync.Once
	roots []string // directories holding a CPython tree, with a trailing '/'
}

// inCPythonTree reports whether the file lies in a copy of CPython: the
// directory of its headers, or the parent of the Include directory holding
// them.
func (p *Project) inCPythonTree(file string) bool {
	p.cpythonTrees.once.Do(func() {
		for _, q := range p.Snapshot.PathsShared() {
			if path.Base(q) != "Python.h" || !p.Snapshot.Exists(path.Join(path.Dir(q), "patchlevel.h")) {
				continue
			}
			dir := path.Dir(q)
			if path.Base(dir) == "Include" || path.Base(dir) == "include" {
				dir = path.Dir(dir)
			}
			if dir == "." {
				dir = ""
			} else {
				dir += "/"
			}
			p.cpythonTrees.roots = append(p.cpythonTrees.roots, dir)
		}
	})
	for _, r := range p.cpythonTrees.roots {
		if strings.HasPrefix(file, r) {
			return true
		}
	}
	return false
}
