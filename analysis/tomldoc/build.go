package tomldoc

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// document walks the top level: root pairs, then table sections.
func (b *builder) document(root *sitter.Node) {
	lastRow := -1
	children := b.w.kids(root)
	b.commentsIn(children, true)
	for _, c := range children {
		switch c.kind {
		case "pair":
			if !b.lost(-1, c.start) {
				lastRow = b.entry(b.doc.Root, nil, c, lastRow)
			}
		case "table", "table_array_element":
			lastRow = b.section(c, lastRow)
		case "ERROR":
			lastRow = -1
		}
	}
}

// entry adds one "key = value" line to scope and checks that it started on
// a new line, which the grammar does not enforce ("a = 1 b = 2" parses).
// It returns the line the entry ends on.
func (b *builder) entry(scope *Table, scopePath []string, n kid, lastRow int) int {
	if lastRow >= 0 && b.doc.Line(n.start) == lastRow {
		b.problemf(n.span(), "expected a line break before %s", excerpt(b.src[n.start:n.end]))
	}
	b.pair(scope, scopePath, n)
	return b.doc.Line(n.end)
}

// section handles a [table] or [[array.element]] and the pairs under it.
func (b *builder) section(n kid, lastRow int) int {
	if lastRow >= 0 && b.doc.Line(n.start) == lastRow {
		b.problemf(n.span(), "expected a line break before %s", excerpt(b.src[n.start:n.end]))
	}
	array := n.kind == "table_array_element"
	closer := "]"
	if array {
		closer = "]]"
	}
	var keyNode *kid
	headerEnd := -1
	broken := false
	children := b.w.kids(&n.node)
	b.commentsIn(children, false)
	i := 0
	for ; i < len(children); i++ {
		c := &children[i]
		if c.kind == "ERROR" || c.node.IsMissing() {
			broken = true
		}
		if c.kind == closer {
			headerEnd = c.end
			i++
			break
		}
		if isKeyKind(c.kind) && keyNode == nil {
			keyNode = c
		}
	}
	if broken || keyNode == nil || headerEnd < 0 {
		// The pairs below a broken header belong to an unknown table;
		// dropping them beats filing them under the wrong one.
		return -1
	}
	header := source.Span{Start: n.start, End: headerEnd}
	keys, spans, ok := b.key(*keyNode)
	if !ok {
		return -1
	}
	val := b.openTable(keys, spans, header, array)
	lastRow = b.doc.Line(children[i-1].end)
	end := headerEnd
	for _, c := range children[i:] {
		switch c.kind {
		case "pair":
			if val != nil && !b.lost(header.Start, c.start) {
				lastRow = b.entry(val.Table, keys, c, lastRow)
				end = c.end
			}
		case "ERROR":
			lastRow = -1
		}
	}
	if val != nil {
		val.Span = source.Span{Start: header.Start, End: end}
		val.Table.Section = n.span()
	}
	return lastRow
}

func isKeyKind(k string) bool {
	return k == "bare_key" || k == "quoted_key" || k == "dotted_key"
}

// openTable finds or creates the table a header names, applying TOML's
// rules: a table is defined once, an array of tables only grows through
// [[...]], and inline tables and plain values cannot be extended.
func (b *builder) openTable(keys []string, spans []source.Span, header source.Span, array bool) *Value {
	scope := b.doc.Root
	for i := 0; i < len(keys)-1; i++ {
		v, ok := scope.Get(keys[i])
		switch {
		case !ok:
			v = &Value{Kind: KindTable, Key: keys[i], KeySpan: spans[i], Span: spans[i], EntrySpan: spans[i], Table: newTable(Implicit)}
			scope.set(keys[i], v)
		case v.Kind == KindTable && v.Table.Def != Inline:
		case v.Kind == KindArray && v.ArrayOfTables && len(v.Elems) > 0:
			v = v.Elems[len(v.Elems)-1]
		default:
			b.conflict(spans[i], keys[:i+1], v)
			return nil
		}
		scope = v.Table
	}
	last := len(keys) - 1
	key, kspan := keys[last], spans[last]
	v, exists := scope.Get(key)
	if array {
		elem := &Value{Kind: KindTable, Key: key, KeySpan: kspan, Span: header, EntrySpan: header, Table: newTable(ArrayElement)}
		elem.Table.Header = header
		switch {
		case !exists:
			v = &Value{Kind: KindArray, Key: key, KeySpan: kspan, Span: header, EntrySpan: header, ArrayOfTables: true}
			scope.set(key, v)
		case v.Kind == KindArray && v.ArrayOfTables:
		default:
			b.conflict(kspan, keys, v)
			return nil
		}
		v.Elems = append(v.Elems, elem)
		return elem
	}
	switch {
	case !exists:
		v = &Value{Kind: KindTable, Key: key, Table: newTable(Header)}
		scope.set(key, v)
	case v.Kind == KindTable && v.Table.Def == Implicit:
		v.Table.Def = Header
	case v.Kind == KindTable && v.Table.Def == Header:
		b.problemf(kspan, "table [%s] is defined twice (first at line %d)", FormatKey(keys), b.doc.Line(v.KeySpan.Start))
		return nil
	default:
		b.conflict(kspan, keys, v)
		return nil
	}
	v.KeySpan, v.Span, v.EntrySpan, v.Table.Header = kspan, header, header, header
	return v
}

// conflict reports a key path that runs into something already defined.
func (b *builder) conflict(at source.Span, path []string, old *Value) {
	what := "a " + old.Kind.String()
	switch {
	case old.Kind == KindTable && old.Table.Def == Inline:
		what = "an inline table, which cannot be extended"
	case old.Kind == KindTable && old.Table.Def == Dotted:
		what = "a table defined by dotted keys"
	case old.Kind == KindTable:
		what = "a table"
	case old.Kind == KindArray && old.ArrayOfTables:
		what = "an array of tables"
	case old.Kind == KindArray, old.Kind == KindInteger:
		what = "an " + old.Kind.String()
	}
	b.problemf(at, "key %s is already defined as %s (line %d)", quoteKey(path), what, b.doc.Line(old.KeySpan.Start))
}

// pair adds "key = value" to scope. Pairs with a syntax error inside are
// skipped: their value is a guess.
func (b *builder) pair(scope *Table, scopePath []string, n kid) {
	// A pair can hold an error its children do not show: the missing line
	// break of "a = 1 b = 2", reported on its own.
	broken := n.node.HasError()
	var keyNode, valNode *kid
	var children []kid
	if !broken && n.node.NamedChildCount() == 2 {
		// "key = value", the common case, without listing the "=".
		children = []kid{b.w.kid(n.node.NamedChild(0)), b.w.kid(n.node.NamedChild(1))}
	} else {
		children = b.w.kids(&n.node)
	}
	for i := range children {
		c := &children[i]
		switch {
		case broken && (c.kind == "ERROR" || c.node.IsMissing()):
			return
		case isKeyKind(c.kind) && keyNode == nil:
			keyNode = c
		case c.named && c.kind != "comment" && !isKeyKind(c.kind):
			valNode = c
		}
	}
	if keyNode == nil || valNode == nil || broken && valNode.node.HasError() {
		return
	}
	keys, spans, ok := b.key(*keyNode)
	if !ok {
		return
	}
	path := append(append([]string(nil), scopePath...), keys...)
	val := b.value(*valNode, path)
	if val == nil {
		return
	}
	val.Key, val.KeySpan = keys[len(keys)-1], spans[len(spans)-1]
	val.EntrySpan = source.Span{Start: keyNode.start, End: valNode.end}
	b.insert(scope, scopePath, keys, spans, val)
}

// insert stores val under a dotted key path relative to scope, creating the
// intermediate tables. Dotted keys may extend tables they created themselves
// and the implicit parents of headers, nothing else.
func (b *builder) insert(scope *Table, scopePath, keys []string, spans []source.Span, val *Value) {
	full := func(i int) []string {
		return append(append([]string(nil), scopePath...), keys[:i+1]...)
	}
	for i := 0; i < len(keys)-1; i++ {
		v, ok := scope.Get(keys[i])
		switch {
		case !ok:
			v = &Value{Kind: KindTable, Key: keys[i], KeySpan: spans[i], Span: spans[i], EntrySpan: spans[i], Table: newTable(Dotted)}
			scope.set(keys[i], v)
		case v.Kind == KindTable && (v.Table.Def == Dotted || v.Table.Def == Implicit):
		default:
			b.conflict(spans[i], full(i), v)
			return
		}
		scope = v.Table
	}
	last := len(keys) - 1
	if old, dup := scope.Get(keys[last]); dup {
		b.problemf(spans[last], "duplicate key %s (first defined at line %d)", quoteKey(full(last)), b.doc.Line(old.KeySpan.Start))
		return
	}
	scope.set(keys[last], val)
}

// key decodes a bare, quoted or dotted key into its segments.
func (b *builder) key(n kid) ([]string, []source.Span, bool) {
	switch n.kind {
	case "bare_key":
		return []string{b.text(n)}, []source.Span{n.span()}, true
	case "quoted_key":
		s, _, ok := b.decodeString(n)
		return []string{s}, []source.Span{n.span()}, ok
	case "dotted_key":
		var keys []string
		var spans []source.Span
		for _, c := range b.w.kids(&n.node) {
			if !isKeyKind(c.kind) {
				continue
			}
			k, s, ok := b.key(c)
			if !ok {
				return nil, nil, false
			}
			keys, spans = append(keys, k...), append(spans, s...)
		}
		return keys, spans, len(keys) > 0
	}
	return nil, nil, false
}
