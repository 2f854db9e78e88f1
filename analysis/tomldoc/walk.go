package tomldoc

import (
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A 500,000-line pyproject.toml has millions of nodes, and every call into
// tree-sitter crosses cgo: Node.Kind also copies the name out of C on each
// call, and Node.Children allocates a cursor each time. The builder reads a
// node's children once, through one reused cursor, with their kind (named
// from the grammar's table by symbol), whether they are named, and their
// byte span.

// kid is a child node as the builder reads it.
type kid struct {
	node       sitter.Node
	kind       string
	named      bool
	start, end int
}

func (k *kid) span() source.Span { return source.Span{Start: k.start, End: k.end} }

// errorSymbol is tree-sitter's symbol for ERROR nodes (ts_builtin_sym_error).
const errorSymbol = 0xFFFF

var kindTable = sync.OnceValue(func() (t struct {
	names []string
	named []bool
}) {
	n := int(language.NodeKindCount())
	t.names, t.named = make([]string, n), make([]bool, n)
	for i := 0; i < n; i++ {
		t.names[i] = language.NodeKindForId(uint16(i))
		t.named[i] = language.NodeKindIsNamed(uint16(i))
	}
	return t
})

// kindOf names a symbol as Node.Kind would.
func kindOf(sym uint16) (string, bool) {
	t := kindTable()
	switch {
	case sym == errorSymbol:
		return "ERROR", true
	case int(sym) < len(t.names):
		return t.names[sym], t.named[sym]
	}
	return "", false
}

// walker lists children through one cursor. The list is complete before
// the caller sees it, so nested calls may share the cursor.
type walker struct{ cur *sitter.TreeCursor }

func (w *walker) kids(n *sitter.Node) []kid {
	if w.cur == nil {
		c := n.Walk()
		w.cur = c
	}
	w.cur.Reset(*n)
	if !w.cur.GotoFirstChild() {
		return nil
	}
	out := make([]kid, 0, n.ChildCount())
	for {
		out = append(out, w.kid(w.cur.Node()))
		if !w.cur.GotoNextSibling() {
			return out
		}
	}
}

func (w *walker) kid(n *sitter.Node) kid {
	kind, named := kindOf(n.KindId())
	return kid{node: *n, kind: kind, named: named, start: int(n.StartByte()), end: int(n.EndByte())}
}

func (w *walker) close() {
	if w.cur != nil {
		w.cur.Close()
	}
}
