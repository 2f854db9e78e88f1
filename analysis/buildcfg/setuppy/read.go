// Package setuppy reads a setup.py: the extensions declared through
// setuptools' setup() (hpy_ext_modules and ext_modules), the HPy ABI the
// script forces, setup_requires and the project name.
//
// The script is never run. Facts come from the tree-sitter-python syntax
// tree; simple bindings (module constants, lists bound to names, helper
// functions with one return) are followed, and whatever only the running
// script could tell (a glob, a comprehension, a loop) is reported as
// buildcfg.Unresolved so the caller can say the picture is incomplete.
package setuppy

import (
	"fmt"
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
	sitter "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// language is shared: a Language is safe for concurrent use, a Parser is
// not, so Read makes its own parser.
var language = sitter.NewLanguage(python.Language())

// Read extracts what setup.py at path (slash-separated, relative to the
// project root) declares. Spans are byte offsets into content. Read never
// fails: a syntax error becomes one Problem and the rest of the tree is
// still read.
//
// Two conventions beyond the buildcfg types: an extension whose name cannot
// be resolved has an empty Name.Value (its Span is the expression, and an
// Unresolved says why); SetupRequires.InsertAt is -1 when the list is not a
// literal a fix can edit (setup_requires=BASE_REQS + extra()).
func Read(path string, content []byte) *buildcfg.File {
	f := &buildcfg.File{Path: path}
	// A parser is cheap to create, and go-tree-sitter has no finalizers, so
	// a pool would leak the parsers it drops; one per call is simpler.
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		f.Problems = append(f.Problems, buildcfg.Problem{Message: fileLabel(path) + ": cannot load the Python grammar: " + err.Error()})
		return f
	}
	tree := p.Parse(content, nil)
	if tree == nil {
		f.Problems = append(f.Problems, buildcfg.Problem{Message: fileLabel(path) + ": the Python parser gave up; nothing was read"})
		return f
	}
	defer tree.Close()
	root := tree.RootNode()
	cur := root.Walk()
	defer cur.Close()

	r := newReader(path, content, f, cur)
	r.run(root)
	return f
}

// reader is the state of one Read call.
type reader struct {
	path string
	src  []byte
	file *buildcfg.File
	cur  *sitter.TreeCursor

	module *scope
	scopes map[uintptr]*scope // function_definition node id -> its scope

	names importNames

	calls   []scopedNode // every call, in source order, with its scope
	assigns []scopedNode // assignments and augmented assignments
	errNode *sitter.Node // first ERROR or MISSING node

	exts      map[uintptr]*extResult // Extension(...) call id -> what it declares
	extSeen   map[extKey]bool
	unresSeen map[source.Span]bool
	abiSeen   map[source.Span]bool
	inFunc    map[uintptr]bool // helper functions being evaluated (recursion guard)
	memo      map[uintptr]value
	depth     int
	abiBudget int // abiExpand steps left for the current ABI value
}

// scopedNode is a node with the scope its names resolve in; sc is nil for
// code the reader does not follow (class bodies, lambdas).
type scopedNode struct {
	n  *sitter.Node
	sc *scope
}

type extKey struct {
	decl source.Span
	kind buildcfg.ExtensionKind
}

func newReader(path string, src []byte, f *buildcfg.File, cur *sitter.TreeCursor) *reader {
	return &reader{
		path:      path,
		src:       src,
		file:      f,
		cur:       cur,
		scopes:    map[uintptr]*scope{},
		names:     newImportNames(),
		exts:      map[uintptr]*extResult{},
		extSeen:   map[extKey]bool{},
		unresSeen: map[source.Span]bool{},
		abiSeen:   map[source.Span]bool{},
		inFunc:    map[uintptr]bool{},
		memo:      map[uintptr]value{},
	}
}

func (r *reader) run(root *sitter.Node) {
	r.module = newScope(root, nil)
	r.collectBlock(root, r.module, false, false)
	r.scan(root, r.module)
	if r.errNode != nil {
		line := r.errNode.StartPosition().Row + 1
		r.file.Problems = append(r.file.Problems, buildcfg.Problem{
			Span:    r.span(r.errNode),
			Message: fmt.Sprintf("%s: syntax error at line %d; results may be incomplete", fileLabel(r.path), line),
		})
	}
	reachable := r.reachable()
	for _, c := range r.calls {
		if c.sc != nil && reachable[c.sc] && r.isSetupCall(c.n) {
			r.readSetup(c.n, c.sc)
		}
	}
	r.readArgvABI()
}

// scan walks the whole tree once: comments, the first syntax error, imports,
// and the calls and assignments the later passes look at.
func (r *reader) scan(n *sitter.Node, sc *scope) {
	if r.errNode == nil && (n.IsError() || n.IsMissing()) {
		r.errNode = n
	}
	switch n.Kind() {
	case "comment":
		r.file.Comments = append(r.file.Comments, source.Comment{Span: r.span(n), Text: r.text(n)})
		return
	case "function_definition":
		// The header (defaults, decorators) runs in the enclosing scope; only
		// the body runs in the function's own.
		inner := r.scopes[n.Id()]
		if sc == nil {
			inner = nil
		}
		for _, c := range r.children(n) {
			if c.Kind() == "block" {
				r.scan(c, inner)
			} else {
				r.scan(c, sc)
			}
		}
		return
	case "class_definition", "lambda":
		for _, c := range r.children(n) {
			if c.Kind() == "block" || n.Kind() == "lambda" {
				r.scan(c, nil)
			} else {
				r.scan(c, sc)
			}
		}
		return
	case "import_statement", "import_from_statement":
		r.names.add(r, n)
	case "call":
		r.calls = append(r.calls, scopedNode{n, sc})
	case "assignment", "augmented_assignment":
		r.assigns = append(r.assigns, scopedNode{n, sc})
	}
	for _, c := range r.children(n) {
		r.scan(c, sc)
	}
}

// children returns all children of n, comments included, through the
// shared cursor (Node.Child(i) costs O(i) per call).
func (r *reader) children(n *sitter.Node) []*sitter.Node {
	if n == nil || n.ChildCount() == 0 {
		return nil
	}
	out := make([]*sitter.Node, 0, n.ChildCount())
	r.cur.Reset(*n)
	if !r.cur.GotoFirstChild() {
		return nil
	}
	for {
		out = append(out, r.cur.Node())
		if !r.cur.GotoNextSibling() {
			break
		}
	}
	return out
}

// elems returns the named children of n that are not comments: the
// elements of a list, the arguments of a call, the statements of a block.
func (r *reader) elems(n *sitter.Node) []*sitter.Node {
	var out []*sitter.Node
	for _, c := range r.children(n) {
		if c.IsNamed() && c.Kind() != "comment" {
			out = append(out, c)
		}
	}
	return out
}

func (r *reader) text(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return n.Utf8Text(r.src)
}

func (r *reader) span(n *sitter.Node) source.Span {
	if n == nil {
		return source.Span{}
	}
	return source.Span{Start: int(n.StartByte()), End: int(n.EndByte())}
}

// snippet is a node's text on one line, shortened for messages.
func (r *reader) snippet(n *sitter.Node) string {
	return oneLine(r.text(n), 60)
}

// short is a shorter snippet, for the context part of a message.
func (r *reader) short(n *sitter.Node) string {
	return oneLine(r.text(n), 30)
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > max {
		s = string(rs[:max-1]) + "…"
	}
	return s
}

// unwrap strips parentheses around an expression.
func (r *reader) unwrap(n *sitter.Node) *sitter.Node {
	for n != nil && n.Kind() == "parenthesized_expression" {
		e := r.elems(n)
		if len(e) != 1 {
			return n
		}
		n = e[0]
	}
	return n
}

func fileLabel(p string) string {
	if p == "" {
		return "setup.py"
	}
	return path.Base(p)
}
