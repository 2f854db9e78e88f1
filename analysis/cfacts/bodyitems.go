package cfacts

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A key inside a function body read the facts of the whole function
// again: a module's init function in numpy-hpy is 15 KB, and reading it
// cost 3 to 5 ms of a key whose facts otherwise take 1. Every fact a
// statement gives starts inside that statement, so when the function is
// the same node before and after the edit, unbroken in both trees, the
// statements the change reaches are the items to read again; the
// function's own fact starts before them and only moves.

// changedRegion is the bytes whose facts an edit of a segment makes
// stale: the statements it reached in a function body (changedStatements),
// else the top-level items (changedItems) around the edit and around the
// old facts it reached. An edit of a directive can change an #if around
// the statements: it keeps to whole items.
func (d *Document) changedRegion(old, tree *sitter.Tree, dirty source.Span, moved *shifter) source.Span {
	if !d.directive {
		if r, ok := changedStatements(old, tree, dirty); ok {
			return r
		}
	}
	return changedItems(old, tree, d.enclosingFacts(dirty, moved))
}

// changedStatements widens the edited bytes and the changed ranges to the
// statements of the function body holding them, when one does: the same
// function in both trees (its bytes moved by the edit), neither with a
// syntax error, so that the facts read from the old tree are those of its
// nodes. Broken code keeps to whole items (an item's extent can then
// disagree with the facts read before).
func changedStatements(old, tree *sitter.Tree, dirty source.Span) (source.Span, bool) {
	r := dirty
	for _, c := range old.ChangedRanges(tree) {
		r.Start = min(r.Start, int(c.StartByte))
		r.End = max(r.End, int(c.EndByte))
	}
	fn, body := cleanBodyAround(tree.RootNode(), r)
	oldFn, oldBody := cleanBodyAround(old.RootNode(), r)
	if fn == nil || oldFn == nil || fn.StartByte() != oldFn.StartByte() || fn.EndByte() != oldFn.EndByte() ||
		body.StartByte() != oldBody.StartByte() {
		return dirty, false
	}
	inside := func(s source.Span) bool {
		return int(body.StartByte())+1 < s.Start && s.End < int(body.EndByte())-1
	}
	if !inside(r) {
		return dirty, false
	}
	for range 4 {
		next := itemsAround(body, r)
		before := itemsAround(oldBody, next)
		next = source.Span{Start: min(next.Start, before.Start), End: max(next.End, before.End)}
		if next == r {
			break
		}
		r = next
	}
	// The statements end before the closing brace; a change that reached
	// the braces is the function's own.
	return r, inside(r)
}

// cleanBodyAround is the innermost function definition of root whose body
// holds r, and that body, when the function has no syntax error.
func cleanBodyAround(root *sitter.Node, r source.Span) (fn, body *sitter.Node) {
	n := root.DescendantForByteRange(uint(r.Start), uint(r.End))
	for ; n != nil; n = n.Parent() {
		if n.Kind() == "function_definition" {
			break
		}
	}
	if n == nil {
		return nil, nil
	}
	body = n.ChildByFieldName("body")
	if body == nil || body.Kind() != "compound_statement" || body.HasError() {
		return nil, nil
	}
	return n, body
}
