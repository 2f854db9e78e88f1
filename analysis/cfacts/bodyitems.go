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
// stale: the statements the edit and the changed ranges reached in a
// function body (changedStatements), else the top-level items around them
// and around the old facts the edit reached. An edit of a directive can
// change an #if around the statements: it keeps to whole top-level items.
func (d *Document) changedRegion(old, tree *sitter.Tree, dirty source.Span, moved *shifter) source.Span {
	changed := changedRanges(old, tree, dirty)
	if !d.directive {
		if r, ok := changedStatements(old, tree, changed); ok {
			return r
		}
	}
	enclosing := d.enclosingFacts(dirty, moved)
	changed = source.Span{Start: min(changed.Start, enclosing.Start), End: max(changed.End, enclosing.End)}
	return wholeItems(tree.RootNode(), old.RootNode(), changed)
}

// changedStatements widens changed to the statements of the function body
// holding it, when one does: the same function in both trees (its bytes
// moved by the edit), its body without a syntax error in either, so that
// the facts read from the old tree are those of its nodes. Broken code
// keeps to whole items (an item's extent can then disagree with the facts
// read before).
func changedStatements(old, tree *sitter.Tree, changed source.Span) (source.Span, bool) {
	fn, body := cleanBodyAround(tree.RootNode(), changed)
	oldFn, oldBody := cleanBodyAround(old.RootNode(), changed)
	if fn == nil || oldFn == nil || fn.StartByte() != oldFn.StartByte() || fn.EndByte() != oldFn.EndByte() ||
		body.StartByte() != oldBody.StartByte() {
		return changed, false
	}
	// The statements end before the closing brace; a change that reaches
	// the braces is the function's own.
	inside := func(s source.Span) bool {
		return int(body.StartByte())+1 < s.Start && s.End < int(body.EndByte())-1
	}
	if !inside(changed) {
		return changed, false
	}
	r := wholeItems(body, oldBody, changed)
	return r, inside(r)
}

// cleanBodyAround is the innermost function definition of root around r,
// and its body, when the body has no syntax error.
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
