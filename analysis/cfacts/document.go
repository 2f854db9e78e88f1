package cfacts

import (
	"bytes"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Document is a C or C++ file kept parsed across edits, as the language
// server holds an open buffer. An edit updates the tree (Tree.Edit and an
// incremental reparse) and re-extracts facts only for the top-level items
// the edit reached; facts elsewhere are kept, their spans shifted. The
// result always equals what Extract gives for the new content (tested).
// A Document is not safe for concurrent use.
type Document struct {
	g      *grammar
	lang   Lang
	parser *sitter.Parser
	src    []byte
	// parsed is what the tree was parsed from: src with HPy's macros
	// blanked, edited alongside src between parses.
	parsed []byte
	lines  *lineIndex // kept up to date by Edit
	tree   *sitter.Tree
	facts  *Facts
	macros []source.Span
	// pending are the edits since facts were last brought up to date, in
	// order; facts keep their old offsets until then.
	pending []shiftMap
	// dirty spans the bytes (in current coordinates) that edits touched
	// since facts were last brought up to date; full forces a re-extract.
	dirty    *source.Span
	full     bool
	oldTrees []*sitter.Tree
}

// NewDocument parses content.
func NewDocument(lang Lang, content []byte) (*Document, error) {
	g, err := grammarFor(lang)
	if err != nil {
		return nil, err
	}
	d := &Document{g: g, lang: lang, parser: sitter.NewParser(), src: bytes.Clone(content), full: true}
	if err := d.parser.SetLanguage(g.lang); err != nil {
		return nil, err
	}
	return d, nil
}

// Content is the document's current text. Callers must not modify it.
func (d *Document) Content() []byte { return d.src }

// Close frees the parser and tree.
func (d *Document) Close() {
	d.parser.Close()
	if d.tree != nil {
		d.tree.Close()
	}
	for _, t := range d.oldTrees {
		t.Close()
	}
}

// Edit replaces the bytes [start, oldEnd) with newText. Offsets are clamped
// to the content.
func (d *Document) Edit(start, oldEnd int, newText []byte) {
	start = max(0, min(start, len(d.src)))
	oldEnd = max(start, min(oldEnd, len(d.src)))
	removed := d.src[start:oldEnd]
	if bytes.IndexByte(removed, '#') >= 0 || bytes.IndexByte(newText, '#') >= 0 {
		// A preprocessor edit can restructure #if regions around the
		// items it touches: not worth being clever about.
		d.full = true
	}
	defer func() {
		if !d.full && touchesDirective(d.src, start, start+len(newText)) {
			d.full = true
		}
	}()
	if d.lines == nil {
		d.lines = newLineIndex(d.src)
	}
	startPt, oldEndPt := d.lines.point(start), d.lines.point(oldEnd)
	next := make([]byte, 0, len(d.src)-len(removed)+len(newText))
	next = append(append(append(next, d.src[:start]...), newText...), d.src[oldEnd:]...)
	if d.parsed != nil {
		// The parsed copy takes the same edit; Facts blanks macros anew.
		p := make([]byte, 0, len(next))
		d.parsed = append(append(append(p, d.parsed[:start]...), newText...), d.parsed[oldEnd:]...)
	}
	newEnd := start + len(newText)
	d.lines.edit(start, oldEnd, newText)
	newEndPt := d.lines.point(newEnd)
	d.src = next

	if d.tree != nil {
		d.tree.Edit(&sitter.InputEdit{
			StartByte: uint(start), OldEndByte: uint(oldEnd), NewEndByte: uint(newEnd),
			StartPosition: startPt, OldEndPosition: oldEndPt, NewEndPosition: newEndPt,
		})
	}
	m := shiftMap{start: start, oldEnd: oldEnd, newEnd: newEnd}
	if d.facts != nil && !d.full {
		// Facts already handed out stay as they were: the shift is applied
		// to a private copy when facts are next brought up to date.
		d.pending = append(d.pending, m)
	}
	for i := range d.macros {
		d.macros[i] = source.Span{Start: m.pos(d.macros[i].Start), End: m.pos(d.macros[i].End)}
	}
	touched := source.Span{Start: start, End: newEnd}
	if d.dirty != nil {
		touched = source.Span{Start: min(m.pos(d.dirty.Start), start), End: max(m.pos(d.dirty.End), newEnd)}
	}
	d.dirty = &touched
}

// Facts brings the facts up to date and returns them. The result is shared:
// callers must not modify it. It is never modified afterwards either: later
// edits work on a copy, so a caller may keep it (the language server hands
// it to an analysis on another goroutine).
func (d *Document) Facts() *Facts {
	if d.facts != nil && d.dirty == nil && !d.full {
		return d.facts
	}
	if d.facts != nil && !d.full && len(d.pending) > 0 {
		d.facts = shiftedCopy(d.facts, d.pending)
	}
	d.pending = nil
	src := d.src
	if d.lines == nil {
		d.lines = newLineIndex(src)
	}
	lines := d.lines
	pre := scanFile(src)
	parsed := blank(src, pre.macros)
	if d.tree != nil && d.parsed != nil {
		// Macros that appeared or vanished change the parsed copy beyond
		// the edits: tell the tree, as one more same-length edit.
		if a, b, ok := diffRange(d.parsed, parsed); ok {
			d.tree.Edit(&sitter.InputEdit{
				StartByte: uint(a), OldEndByte: uint(b), NewEndByte: uint(b),
				StartPosition: lines.point(a), OldEndPosition: lines.point(b), NewEndPosition: lines.point(b),
			})
			grown := source.Span{Start: a, End: b}
			if d.dirty != nil {
				grown = source.Span{Start: min(a, d.dirty.Start), End: max(b, d.dirty.End)}
			}
			d.dirty = &grown
		}
	}
	_ = d.parser.SetIncludedRanges(nil)
	tree := parseChunked(d.parser, parsed, d.tree)

	region, whole := source.Span{}, d.full || d.facts == nil
	if !whole {
		region = d.changedItems(tree, d.enclosingFacts(*d.dirty))
	}
	next := &Facts{Lang: d.lang}
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	if whole {
		d.g.collect(next, qc, tree, src)
		d.g.readRefs(next, tree, src, pre.candidates, source.Span{Start: 0, End: len(src)})
	} else {
		qc.SetByteRange(uint(region.Start), uint(region.End+1)) // spliceFacts counts the end in
		fresh := &Facts{}
		d.g.collect(fresh, qc, tree, src)
		d.g.readRefs(fresh, tree, src, pre.candidates, region)
		spliceFacts(next, d.facts, fresh, region)
	}
	next.Macros = d.updateMacros(src, lines, pre.macros, pre.separators)
	finishFacts(next, src)
	next.SyntaxErrors, next.Truncated = countErrors(tree.RootNode(), len(bytes.TrimRight(src, " \t\r\n\f\v")))

	if d.tree != nil {
		d.tree.Close()
	}
	d.tree, d.facts, d.macros, d.dirty, d.full, d.parsed = tree, next, pre.macros, nil, false, parsed
	return next
}

// diffRange is the smallest [a, b) outside which two equally long texts
// agree; ok is false when they are equal.
func diffRange(old, cur []byte) (int, int, bool) {
	if len(old) != len(cur) {
		return 0, len(cur), true
	}
	a := 0
	for a < len(cur) && old[a] == cur[a] {
		a++
	}
	if a == len(cur) {
		return 0, 0, false
	}
	b := len(cur)
	for b > a && old[b-1] == cur[b-1] {
		b--
	}
	return a, b, true
}

// updateMacros reuses the previous parse of every invocation whose span
// and text are unchanged and outside the edited bytes; the rest are parsed.
func (d *Document) updateMacros(src []byte, lines *lineIndex, spans []source.Span, separators []int) []MacroCall {
	old := map[source.Span]MacroCall{}
	if d.facts != nil && !d.full {
		for _, m := range d.facts.Macros {
			if d.dirty == nil || m.Span.End < d.dirty.Start || m.Span.Start > d.dirty.End {
				old[m.Span] = m
			}
		}
	}
	out := make([]MacroCall, 0, len(spans))
	var todo []source.Span
	var todoSeps []int
	for i, s := range spans {
		if _, ok := old[s]; !ok {
			todo = append(todo, s)
			todoSeps = append(todoSeps, separatorOf(separators, i))
		}
	}
	fresh := map[source.Span]MacroCall{}
	for _, m := range d.g.readMacros(d.parser, src, lines, todo, todoSeps) {
		fresh[m.Span] = m
	}
	for _, s := range spans {
		if m, ok := old[s]; ok {
			out = append(out, m)
		} else if m, ok := fresh[s]; ok {
			out = append(out, m)
		}
	}
	// readMacros left the parser reading only macros; the next full parse
	// sets its ranges again.
	if len(out) == 0 {
		return nil // as Extract leaves it
	}
	return out
}

// enclosingFacts widens r to the old functions and variables around it:
// with broken code an item's extent in the trees can disagree with the
// facts read from it earlier, and those facts must be read again.
func (d *Document) enclosingFacts(r source.Span) source.Span {
	widen := func(s source.Span) {
		if s.Start <= r.End && s.End >= r.Start {
			r = source.Span{Start: min(r.Start, s.Start), End: max(r.End, s.End)}
		}
	}
	for _, f := range d.facts.Functions {
		widen(f.Span)
	}
	for _, v := range d.facts.Variables {
		widen(v.Span)
	}
	return r
}

// changedItems widens the edited bytes and the tree's changed ranges to
// whole top-level items (functions, declarations, directives), looking
// inside #if blocks, extern "C" and namespaces, so a re-query there sees
// every node a fact can come from.
func (d *Document) changedItems(tree *sitter.Tree, dirty source.Span) source.Span {
	r := dirty
	if d.tree != nil {
		for _, c := range d.tree.ChangedRanges(tree) {
			r.Start = min(r.Start, int(c.StartByte))
			r.End = max(r.End, int(c.EndByte))
		}
	}
	// The items around the change in the old tree (its offsets already
	// moved by Tree.Edit) hold the old facts to drop; those in the new
	// tree the facts to read. Widen until both agree.
	for range 4 {
		next := itemsAround(tree.RootNode(), r)
		if d.tree != nil {
			old := itemsAround(d.tree.RootNode(), next)
			next = source.Span{Start: min(next.Start, old.Start), End: max(next.End, old.End)}
		}
		if next == r {
			break
		}
		r = next
	}
	return r
}

// itemsAround widens r to the items of root it touches (see changedItems).
// Children are visited with a cursor from the first one at r.Start: a file
// scope holds thousands of items, and indexing them one by one is
// quadratic in the binding.
func itemsAround(root *sitter.Node, r source.Span) source.Span {
	c := root.Walk()
	defer c.Close()
	for {
		// From one byte early: an item ending exactly where the edit starts
		// may have grown (an identifier being typed at its end).
		if c.GotoFirstChildForByte(uint32(max(0, r.Start-1))) == nil {
			return r
		}
		// The cursor is on the first child ending at or after r.Start.
		first, last, count := -1, -1, 0
		var only *sitter.Node
		for {
			n := c.Node()
			if int(n.StartByte()) > r.End {
				break
			}
			if int(n.EndByte()) >= r.Start {
				if first < 0 {
					first = int(n.StartByte())
				}
				last = int(n.EndByte())
				count++
				only = n
			}
			if !c.GotoNextSibling() {
				break
			}
		}
		if count == 0 {
			return r
		}
		if count == 1 && isContainer(only.Kind()) && headerEnd(only) < r.Start && int(only.EndByte()) > r.End {
			c.Reset(*only)
			continue
		}
		return source.Span{Start: min(first, r.Start), End: max(last, r.End)}
	}
}

// headerEnd is where a container's own facts end (its condition, its
// opening brace): an edit before that changes the container itself.
func headerEnd(n *sitter.Node) int {
	for _, field := range []string{"name", "condition", "body"} {
		if c := n.ChildByFieldName(field); c != nil {
			if field == "body" {
				return int(c.StartByte()) + 1
			}
			return int(c.EndByte())
		}
	}
	if c := n.Child(0); c != nil {
		return int(c.EndByte()) // "#else", "{"
	}
	return int(n.StartByte())
}

func isContainer(kind string) bool {
	switch kind {
	case "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef",
		"linkage_specification", "declaration_list", "namespace_definition":
		return true
	}
	return false
}

// touchesDirective reports whether the lines holding [start, end), the line
// after them, or a line they continue are preprocessor lines: an edit there
// can change which #if region an item belongs to.
func touchesDirective(src []byte, start, end int) bool {
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	if lineStart >= 2 && src[lineStart-2] == '\\' {
		return true // the edited line continues a directive
	}
	stop := end
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		stop = end + i + 1
		if j := bytes.IndexByte(src[stop:], '\n'); j >= 0 {
			stop += j // and the next line
		} else {
			stop = len(src)
		}
	} else {
		stop = len(src)
	}
	for _, line := range bytes.Split(src[lineStart:stop], []byte("\n")) {
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' {
			return true
		}
	}
	return false
}
