package setuppy

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Paths in the reader are relative to the build's directory, the one of
// setup.py: setuptools runs there, and resolves sources from there.
// `os.path.dirname(__file__)` is that directory, ".".

func (r *reader) stringAt(s string, n *sitter.Node) buildcfg.StringValue {
	return buildcfg.StringValue{Value: s, Span: r.span(n)}
}

// buildDir is the directory of the setup.py being read, relative to the
// project root.
func (r *reader) buildDir() string {
	if r.session == nil || r.session.setupPy == "" {
		return path.Dir(r.path)
	}
	return path.Dir(r.session.setupPy)
}

// fileFromBuildDir is this file's __file__, relative to the build's directory.
func (r *reader) fileFromBuildDir() string {
	return relTo(r.buildDir(), r.path)
}

// relTo makes a project path relative to dir, which holds it.
func relTo(dir, p string) string {
	if dir == "." || dir == "" {
		return p
	}
	return strings.TrimPrefix(p, dir+"/")
}

// evalPathCall evaluates os.path and pathlib calls on known paths: join,
// dirname, abspath (a relative path stays relative to the build's
// directory), Path(...), and Path methods that keep the path.
func (r *reader) evalPathCall(n, fn *sitter.Node, last string, argv []*sitter.Node, sc *scope) (value, bool) {
	switch {
	case r.isPathFunc(fn, "join"):
		return r.evalJoin(n, argv, sc), true
	case r.isPathFunc(fn, "dirname"), r.isPathFunc(fn, "abspath"), r.isPathFunc(fn, "realpath"), r.isPathFunc(fn, "normpath"):
		if len(argv) != 1 {
			return value{}, false
		}
		v := r.eval(argv[0], sc)
		if v.kind != vStr {
			return v, v.kind == vUnknown
		}
		p := path.Clean(v.str.Value)
		if last == "dirname" {
			p = path.Dir(p)
		}
		return value{kind: vStr, node: n, str: r.stringAt(p, n)}, true
	case (last == "Path" || last == "PurePath" || last == "PosixPath") && (fn.Kind() == "identifier" || r.text(fn.ChildByFieldName("object")) == "pathlib"):
		if len(argv) == 0 {
			return value{kind: vStr, node: n, str: r.stringAt(".", n)}, true
		}
		return r.evalJoin(n, argv, sc), true
	case fn.Kind() == "attribute":
		obj := fn.ChildByFieldName("object")
		if obj == nil || obj.Kind() == "identifier" && (r.text(obj) == "glob" || r.names.pathMods[r.text(obj)]) {
			return value{}, false
		}
		switch last {
		case "resolve", "absolute", "expanduser", "joinpath", "glob", "rglob":
		default:
			return value{}, false
		}
		base := r.eval(obj, sc)
		if base.kind != vStr {
			return value{}, false
		}
		switch last {
		case "joinpath":
			j := r.evalJoin(n, argv, sc)
			if j.kind != vStr {
				return j, true
			}
			return value{kind: vStr, node: n, str: r.stringAt(joinPath(base.str.Value, j.str.Value), n)}, true
		case "glob", "rglob":
			if len(argv) != 1 {
				return unknown(n, "a glob is evaluated at build time"), true
			}
			pat := r.eval(argv[0], sc)
			if pat.kind != vStr {
				return unknown(n, "a glob is evaluated at build time"), true
			}
			p := pat.str.Value
			if last == "rglob" {
				p = "**/" + p
			}
			return r.globValue(n, joinPath(base.str.Value, p), true), true
		}
		return value{kind: vStr, node: n, str: r.stringAt(base.str.Value, n)}, true
	}
	return value{}, false
}

// joinPath joins like os.path.join: an absolute part restarts the path,
// and "." as the first part disappears.
func joinPath(a, b string) string {
	switch {
	case strings.HasPrefix(b, "/") || a == "":
		return b
	case a == ".":
		return b
	case strings.HasSuffix(a, "/"):
		return a + b
	}
	return a + "/" + b
}

// evalGlob evaluates glob.glob/iglob with a literal pattern against the
// project's files.
func (r *reader) evalGlob(n, fn *sitter.Node, argv []*sitter.Node, sc *scope) value {
	var pattern *sitter.Node
	recursive := false
	for _, a := range argv {
		if a.Kind() != "keyword_argument" {
			if pattern == nil {
				pattern = a
			}
			continue
		}
		k, v := a.ChildByFieldName("name"), a.ChildByFieldName("value")
		if k == nil || v == nil {
			continue
		}
		switch r.text(k) {
		case "recursive":
			if b := r.eval(v, sc); b.kind == vBool {
				recursive = b.b
			} else {
				return unknown(n, "a glob is evaluated at build time")
			}
		case "pathname":
			pattern = v
		default:
			return unknown(n, "a glob is evaluated at build time")
		}
	}
	if pattern == nil {
		return unknown(n, "a glob is evaluated at build time")
	}
	pv := r.eval(pattern, sc)
	if pv.kind != vStr {
		return unknown(n, "a glob is evaluated at build time")
	}
	return r.globValue(n, pv.str.Value, recursive)
}

// globValue matches a pattern, relative to the build's directory, against
// the files the project lists. Without access to them, or when nothing
// matches (the files may be made by the build), the glob stays unknown.
func (r *reader) globValue(n *sitter.Node, pattern string, recursive bool) value {
	if r.session == nil || r.session.files == nil || path.IsAbs(pattern) {
		return unknown(n, "a glob is evaluated at build time")
	}
	dir := r.buildDir()
	full := path.Clean(path.Join(dir, pattern))
	// Paths are relative to where hpylint runs, so a project named as
	// ../proj has paths under ../: outside is above what the build's own
	// directory reaches.
	if leadingUps(full) > leadingUps(path.Clean(dir)) {
		return unknown(n, "the glob looks outside the project")
	}
	segs := strings.Split(full, "/")
	fixed := 0
	for fixed < len(segs) && !hasMeta(segs[fixed]) {
		fixed++
	}
	var items []value
	for _, p := range r.session.files.List(strings.Join(segs[:fixed], "/")) {
		if globMatch(segs, strings.Split(p, "/"), recursive) {
			items = append(items, value{kind: vStr, node: n, str: r.stringAt(relTo(dir, p), n)})
		}
	}
	if len(items) == 0 {
		return unknown(n, "the glob matches no file of the project; it is evaluated at build time")
	}
	return listOf(n, items)
}

// leadingUps counts the ".." segments a clean relative path starts with.
func leadingUps(p string) int {
	n := 0
	for p == ".." || strings.HasPrefix(p, "../") {
		n++
		p = strings.TrimPrefix(strings.TrimPrefix(p, ".."), "/")
	}
	return n
}

func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// globMatch matches path segments against pattern segments as Python's
// glob does: a wildcard stays within a segment, and "**" spans any number
// of them when the glob is recursive.
func globMatch(pat, p []string, recursive bool) bool {
	if len(pat) == 0 {
		return len(p) == 0
	}
	if pat[0] == "**" && recursive {
		for i := 0; i <= len(p); i++ {
			if globMatch(pat[1:], p[i:], recursive) {
				return true
			}
		}
		return false
	}
	if len(p) == 0 {
		return false
	}
	if ok, err := path.Match(pat[0], p[0]); err != nil || !ok {
		return false
	}
	if hasMeta(pat[0]) && strings.HasPrefix(p[0], ".") && !strings.HasPrefix(pat[0], ".") {
		return false // glob skips hidden names unless the pattern names them
	}
	return globMatch(pat[1:], p[1:], recursive)
}

// evalAttribute follows the attributes that keep a path known: a Path's
// .parent, a numpy.distutils Configuration's local_path, and a name of a
// local module imported whole.
func (r *reader) evalAttribute(n *sitter.Node, sc *scope) value {
	obj, attr := n.ChildByFieldName("object"), n.ChildByFieldName("attribute")
	if obj == nil || attr == nil {
		return unknown(n, "the value is computed at build time")
	}
	if v, ok := r.evalModuleAttr(n, obj, r.text(attr)); ok {
		return v
	}
	switch r.text(attr) {
	case "parent":
		if v := r.eval(obj, sc); v.kind == vStr {
			return value{kind: vStr, node: n, str: r.stringAt(path.Dir(path.Clean(v.str.Value)), n)}
		}
	case "local_path":
		if v := r.eval(obj, sc); v.kind == vConfig {
			return value{kind: vStr, node: n, str: r.stringAt(".", n)}
		}
	}
	return unknown(n, "the value is computed at build time")
}

// isPathFunc reports whether fn is os.path.<name>, however imported.
func (r *reader) isPathFunc(fn *sitter.Node, name string) bool {
	switch fn.Kind() {
	case "identifier":
		return r.names.pathFn[r.text(fn)] == name
	case "attribute":
		obj := fn.ChildByFieldName("object")
		return lastName(r, fn) == name && obj != nil && r.names.pathMods[dotted(r.text(obj))]
	}
	return false
}
