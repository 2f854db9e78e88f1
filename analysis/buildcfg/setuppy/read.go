// Package setuppy reads a setup.py: the extensions declared through
// setuptools' setup() (hpy_ext_modules and ext_modules) or numpy.distutils'
// Configuration (add_extension, add_hpy_extension), the HPy ABI the script
// forces, setup_requires and the project name.
//
// The script is never run. Facts come from the tree-sitter-python syntax
// tree; bindings are followed (module constants, lists bound to names and
// mutated, helper functions called with literal arguments, for loops and
// comprehensions over known lists, generator functions, the functions and
// names of local modules setup.py imports, globs matched against the
// project's files), and whatever only the running script could tell is
// reported as buildcfg.Unresolved so the caller can say the picture is
// incomplete. Sources the build generates (templates, generator callables)
// are kept apart as Extension.Generated.
package setuppy

import (
	"fmt"
	"path"
	"strings"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc

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
func Read(path string, content []byte) *buildcfg.File { return ReadIn(path, content, nil) }

// ReadIn is Read with access to the project's other files: the local
// modules setup.py imports are read for the functions and lists it uses
// from them, globs are matched against the project's files, and a package
// path is found from its __init__.py files. files may be nil.
func ReadIn(path string, content []byte, files buildcfg.Files) *buildcfg.File {
	f := &buildcfg.File{Path: path}
	s := &session{files: files, modules: map[string]*reader{}}
	defer s.close()
	r := s.parse(path, content, f)
	if r == nil {
		return f
	}
	r.run(r.root)
	return f
}

// session is what the readers of one ReadIn share: the setup.py's reader
// and those of the local modules it imports, whose trees must live until
// the end, since values hold their nodes while they are evaluated.
type session struct {
	files   buildcfg.Files
	modules map[string]*reader // module path -> its reader; nil when absent or unreadable
	read    int                // local modules read, at most maxModules
	trees   []*sitter.Tree
	cursors []*sitter.TreeCursor
	setupPy string // path of the setup.py, whose directory is the build's
	budget  int    // loop iterations left, shared by all readers
	calls   int    // helper calls with bound arguments left
}

func (s *session) close() {
	for _, c := range s.cursors {
		c.Close()
	}
	for _, t := range s.trees {
		t.Close()
	}
}

// parse makes the reader of one Python file; problems go to f. It returns
// nil when nothing can be read.
func (s *session) parse(path string, content []byte, f *buildcfg.File) *reader {
	// A parser is cheap to create, and go-tree-sitter has no finalizers, so
	// a pool would leak the parsers it drops; one per call is simpler.
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		f.Problems = append(f.Problems, buildcfg.Problem{Message: fileLabel(path) + ": cannot load the Python grammar: " + err.Error()})
		return nil
	}
	tree := p.Parse(content, nil)
	if tree == nil {
		f.Problems = append(f.Problems, buildcfg.Problem{Message: fileLabel(path) + ": the Python parser gave up; nothing was read"})
		return nil
	}
	s.trees = append(s.trees, tree)
	root := tree.RootNode()
	cur := root.Walk()
	s.cursors = append(s.cursors, cur)
	if s.setupPy == "" {
		s.setupPy = path
		s.budget = maxIterations
		s.calls = maxBoundCalls
	}
	r := newReader(path, content, f, cur)
	r.session = s
	r.root = root
	return r
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

	exts      map[memoKey]*extResult // Extension(...) call, under one set of bindings -> what it declares
	extSeen   map[extKey]bool
	unresSeen map[source.Span]bool
	abiSeen   map[source.Span]bool
	inFunc    map[uintptr]bool // helper functions being evaluated (recursion guard)
	memo      map[memoKey]value
	depth     int
	abiBudget int // abiExpand steps left for the current ABI value
	// branches counts the assignments in branches one name's value is
	// being made of (orBefore), bounded by maxBranches.
	branches int

	session *session
	root    *sitter.Node
	// bound are the loop variables and parameters bound while a loop is
	// unrolled or a helper is called with known arguments, innermost last;
	// env numbers the current set of bindings, so memoised values made
	// under one binding are not served under another.
	bound  []boundName
	env    int
	envSeq int
	// expandsPatterns is set while a numpy.distutils extension is read:
	// its sources may be glob patterns.
	expandsPatterns bool
}

// memoKey is an expression under one set of bindings.
type memoKey struct {
	id  uintptr
	env int
}

// scopedNode is a node with the scope its names resolve in; sc is nil for
// code the reader does not follow (class bodies, lambdas).
type scopedNode struct {
	n  *sitter.Node
	sc *scope
}

type extKey struct {
	ext  *extResult
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
		exts:      map[memoKey]*extResult{},
		extSeen:   map[extKey]bool{},
		unresSeen: map[source.Span]bool{},
		abiSeen:   map[source.Span]bool{},
		inFunc:    map[uintptr]bool{},
		memo:      map[memoKey]value{},
	}
}

func (r *reader) run(root *sitter.Node) {
	r.prepare(root)
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
	r.readConfigurations()
	r.readMoves()
	r.readArgvABI()
}

// prepare collects the bindings and scans the tree; a local module's
// reader stops there, and is asked for names.
func (r *reader) prepare(root *sitter.Node) {
	r.module = newScope(root, nil)
	r.collectBlock(root, r.module, false, false)
	r.scan(root, r.module)
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
