package setuppy

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// sourcesOf reads an extension's source list into res: the files to
// analyse, the sources made at build time (Generated), and what cannot be
// followed (an Unresolved each, the first also as SourcesIncomplete).
func (r *reader) sourcesOf(expr *sitter.Node, sc *scope, res *extResult) {
	if expr == nil {
		return
	}
	e := &res.ext
	incomplete := func(u buildcfg.Unresolved) {
		res.unres = append(res.unres, u)
		if e.SourcesIncomplete == nil {
			e.SourcesIncomplete = &u
		}
	}
	var walk func(v value)
	walk = func(v value) {
		switch v.kind {
		case vStr:
			switch s := v.str.Value; {
			case strings.HasSuffix(s, ".src") || r.madeFromTemplate(s):
				e.Generated = append(e.Generated, v.str)
			case r.expandsPatterns && hasMeta(s):
				r.patternSource(v, walk, incomplete, expr)
			default:
				e.Sources = append(e.Sources, v.str)
			}
		case vFunc:
			// numpy.distutils calls a function in a source list at build
			// time; the file it writes is compiled.
			e.Generated = append(e.Generated, v.str)
		case vList:
			for _, it := range v.items {
				walk(it)
			}
		case vNone:
		case vUnknown:
			incomplete(r.unresolved("sources", expr, v))
		default:
			incomplete(r.unresolved("sources", expr, unknown(v.node, "the value is not a string")))
		}
	}
	walk(r.eval(expr, sc))
}

// madeFromTemplate reports whether a listed source does not exist but what
// the build makes it from does: x.c from numpy's x.c.src, x.c or x.cpp
// from Cython's x.pyx (itself maybe from x.pyx.in), x_wrap.c or x_wrap.cxx from SWIG's x.i.
func (r *reader) madeFromTemplate(src string) bool {
	if r.session == nil || r.session.files == nil || path.IsAbs(src) {
		return false
	}
	files := r.session.files
	p := path.Join(r.buildDir(), src)
	if files.Exists(p) {
		return false
	}
	stem := strings.TrimSuffix(p, path.Ext(p))
	from := []string{p + ".src", stem + ".pyx", stem + ".pyx.in"}
	if strings.HasSuffix(stem, "_wrap") {
		from = append(from, strings.TrimSuffix(stem, "_wrap")+".i")
	}
	for _, t := range from {
		if files.Exists(t) {
			return true
		}
	}
	return false
}

// patternSource expands a source written as a glob pattern, which
// numpy.distutils matches at build time. A pattern for files hpylint does
// not analyse (numpy's '*.py' dependencies) that matches nothing listed is
// dropped: there is nothing to analyse either way.
func (r *reader) patternSource(v value, walk func(value), incomplete func(buildcfg.Unresolved), expr *sitter.Node) {
	g := r.globValue(v.node, v.str.Value, false)
	if g.kind == vList {
		for _, it := range g.items {
			it.str.Span = v.str.Span
			walk(it)
		}
		return
	}
	switch path.Ext(v.str.Value) {
	case ".c", ".cc", ".cpp", ".cxx", ".C", ".h", ".hpp":
		incomplete(r.unresolved("sources", expr, unknown(v.node, "the pattern matches no file of the project; it is matched at build time")))
	}
}
