package cfacts

import (
	"bytes"
	"slices"
	"weak"

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
	// aside parses the segment freshGap will read beside the reparse
	// (document_gap.go); second parses half of the segments parsed afresh
	// (freshparses.go).
	aside, second *sitter.Parser
	src           []byte
	// parsed is what the tree was parsed from: src with HPy's macros
	// blanked, edited alongside src between parses.
	parsed []byte
	lines  *lineIndex // kept up to date by Edit
	// segs are the parsed segments (see segment.go), their spans and
	// trees moved through every edit since.
	segs  []segment
	facts *Facts
	// scans are the last scan (its macros moved through the edits since,
	// its other lists as scanned) and the one before, whose lists the next
	// scan reuses; scanLen is the length of the text scanned last.
	scans   [2]scan
	scanned bool
	scanLen int
	// pending are the edits since facts were last brought up to date, in
	// order; facts keep their old offsets until then.
	pending []shiftMap
	// dirty spans the bytes (in current coordinates) that edits touched
	// since facts were last brought up to date; full forces a re-extract.
	dirty *source.Span
	full  bool
	// directive is set when an edit since reached a directive's lines:
	// the segments the edits touched are then parsed afresh where they
	// have syntax errors (see directive.go).
	directive bool
	// reread is how many bytes the last Facts read the facts of again (the
	// whole content when it read everything), and fullReads how many times
	// it read everything after the first: for tests and benchmarks.
	reread, fullReads int
	// unfinished is the last scan for HPY003's verdict, kept while the
	// text is unfinished (unfinished_resume.go).
	unfinished *unfinishedMemo
	// asideTaken counts the fresh parses freshGap took from startAsideGap,
	// for tests.
	asideTaken int
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
	for _, p := range []*sitter.Parser{d.aside, d.second} {
		if p != nil {
			p.Close()
		}
	}
	for _, s := range d.segs {
		s.tree.Close()
	}
	d.segs = nil
}

// Edit replaces the bytes [start, oldEnd) with newText. Offsets are clamped
// to the content.
func (d *Document) Edit(start, oldEnd int, newText []byte) {
	start = max(0, min(start, len(d.src)))
	oldEnd = max(start, min(oldEnd, len(d.src)))
	removed := d.src[start:oldEnd]
	if d.lines == nil {
		d.lines = newLineIndex(d.src)
	}
	startPt, oldEndPt := d.lines.point(start), d.lines.point(oldEnd)
	next := make([]byte, 0, len(d.src)-len(removed)+len(newText))
	next = append(append(append(next, d.src[:start]...), newText...), d.src[oldEnd:]...)
	if d.parsed != nil {
		// The parsed copy is private: it takes the same edit in place, and
		// Facts blanks the macros the edit reached.
		d.parsed = slices.Replace(d.parsed, start, oldEnd, newText...)
	}
	newEnd := start + len(newText)
	d.directive = d.directive || editsDirective(next, start, removed, newText)
	d.lines.edit(start, oldEnd, newText)
	newEndPt := d.lines.point(newEnd)
	d.src = next

	m := shiftMap{start: start, oldEnd: oldEnd, newEnd: newEnd}
	linesMoved := bytes.IndexAny(removed, "\n\r") >= 0 || bytes.IndexAny(newText, "\n\r") >= 0
	edit := &sitter.InputEdit{
		StartByte: uint(start), OldEndByte: uint(oldEnd), NewEndByte: uint(newEnd),
		StartPosition: startPt, OldEndPosition: oldEndPt, NewEndPosition: newEndPt,
	}
	for i := range d.segs {
		s := &d.segs[i]
		switch {
		case s.span.End > start:
			s.tree.Edit(edit)
			if s.gapRead && s.span.Start >= oldEnd && s.gap != nil && s.gap.Preprocessor && linesMoved {
				// Unchanged, but its cause names a line, which moved.
				s.gap, s.gapRead = nil, false
			} else if s.gapRead && s.span.Start >= oldEnd {
				// Its bytes are unchanged, its fresh parse too: only moved.
				if s.gap != nil {
					moved := *s.gap
					moved.Span = source.Span{Start: m.pos(moved.Span.Start), End: m.pos(moved.Span.End)}
					s.gap = &moved
				}
			} else {
				s.gap, s.gapRead = nil, false
			}
			s.span = source.Span{Start: m.pos(s.span.Start), End: m.pos(s.span.End)}
		case s.span.End == start && start == len(d.src)-len(newText)+(oldEnd-start):
			// Text added at the end of the file joins the last segment.
			s.tree.Edit(edit)
			s.span.End = newEnd
			s.gap, s.gapRead = nil, false
		}
		// A segment ending where the edit starts keeps its bytes and offsets.
	}
	if d.facts != nil && !d.full {
		// Facts already handed out stay as they were: the shift is applied
		// to a private copy when facts are next brought up to date.
		d.pending = append(d.pending, m)
	}
	macros := d.scans[0].macros
	for i := range macros {
		macros[i] = source.Span{Start: m.pos(macros[i].Start), End: m.pos(macros[i].End)}
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
	if d.facts == nil {
		d.full = true
	}
	// d.facts keep the offsets from before the pending edits until the
	// splice below moves them.
	moved := newShifter(d.pending)
	src := d.src
	if d.lines == nil {
		d.lines = newLineIndex(src)
	}
	lines := d.lines
	var pre scan
	// rescanned is what the scan read again, candidates where what it
	// found there differs (see rescan_candidates.go).
	var rescanned, candidates *source.Span
	if d.scanned && !d.full && d.dirty != nil {
		var r source.Span
		delta := len(src) - d.scanLen
		pre, r = rescan(src, d.scans[0], *d.dirty, delta, d.scans[1])
		rescanned, candidates = &r, &r
		if !d.directive {
			// A directive edit can change an #if around it, which starts
			// at an item start before the edit.
			c := changedCandidates(d.scans[0].candidates, pre.candidates, r, *d.dirty, delta)
			candidates = &c
		}
	} else {
		pre = scanFileInto(src, d.scans[1])
	}
	oldMacros := d.scans[0].macros
	d.scans[0], d.scans[1], d.scanned, d.scanLen = pre, d.scans[0], true, len(src)
	var parsed []byte
	if d.full || d.parsed == nil || d.dirty == nil {
		parsed = blank(src, pre.macros)
	} else {
		parsed = d.parsed
		// Macros that appeared or vanished change the parsed copy beyond
		// the edits: tell the trees, as one more same-length edit.
		if a, b, ok := reblank(parsed, src, oldMacros, pre.macros, *d.dirty); ok {
			edit := &sitter.InputEdit{
				StartByte: uint(a), OldEndByte: uint(b), NewEndByte: uint(b),
				StartPosition: lines.point(a), OldEndPosition: lines.point(b), NewEndPosition: lines.point(b),
			}
			for _, s := range d.segs {
				if s.span.End > a {
					s.tree.Edit(edit)
				}
			}
			grown := source.Span{Start: min(a, d.dirty.Start), End: max(b, d.dirty.End)}
			d.dirty = &grown
		}
	}
	contentEnd := codeEnd(src)
	var spans []source.Span
	if rescanned != nil && len(d.segs) > 0 {
		changed := source.Span{Start: min(d.dirty.Start, rescanned.Start), End: max(d.dirty.End, rescanned.End)}
		spans = segmentsAround(src, pre.itemStarts, d.segs, changed)
	} else {
		spans = segmentsOf(src, pre.itemStarts)
	}
	aside := d.startAsideGap(parsed, lines, spans, contentEnd)
	defer aside.finish()
	segs, region := d.reparse(parsed, src, lines, spans, contentEnd, moved)
	if candidates != nil && candidates.Start < candidates.End {
		// Refs there depend on the new scan, whatever the tree says.
		if region == nil {
			region = candidates
		} else {
			region = &source.Span{Start: min(region.Start, candidates.Start), End: max(region.End, candidates.End)}
		}
	}
	if d.facts != nil && d.dirty != nil && !d.full {
		region = withConditionalsAt(region, d.facts.Conditionals, moved, *d.dirty)
	}
	if region != nil {
		r := withNeighbourNames(src, *region)
		region = &r
	}

	next := &Facts{Lang: d.lang}
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	if d.full {
		jobs := make([]readJob, len(segs))
		for i, s := range segs {
			jobs[i] = readJob{s: s}
		}
		d.g.readJobs(next, qc, jobs, src, pre.candidates)
		d.reread = len(src)
		if d.facts != nil {
			d.fullReads++
		}
	} else {
		d.reread = 0
		if region != nil {
			d.reread = min(region.End, len(src)) - region.Start
		}
		fresh := &Facts{}
		if region != nil {
			var jobs []readJob
			for _, s := range segs {
				if s.span.Start <= region.End && s.span.End > region.Start {
					jobs = append(jobs, readJob{s: s, within: region})
				}
			}
			d.g.readJobs(fresh, qc, jobs, src, pre.candidates)
		}
		next = spliceFacts(d.facts, d.pending, fresh, region)
		if len(d.pending) == 1 {
			e := d.pending[0]
			next.spliced = &spliced{old: weak.Make(d.facts), edit: Edit{Start: e.start, OldEnd: e.oldEnd, NewEnd: e.newEnd}}
			if region != nil {
				r := *region
				next.spliced.region = &r
			}
		}
	}
	var edit *shiftMap
	if !d.full && len(d.pending) == 1 {
		edit = &d.pending[0]
	}
	d.pending = nil
	next.Macros = d.updateMacros(next.Macros, src, lines, pre.macros, pre.separators)
	finishFactsLike(next, src, d.facts)
	next.SyntaxErrors, next.Truncated = sumErrors(segs)
	d.confirmTruncation(next, src, len(pre.leftOpen) > 0, edit)
	next.Gap = d.freshGap(segs, parsed, lines, src, contentEnd, aside)

	d.segs, d.facts, d.dirty, d.full, d.directive, d.parsed = segs, next, nil, false, false, parsed
	return next
}

// reparse brings the segments to the new cuts: a segment whose span and
// bytes are unchanged is kept, one with the same span but edited bytes is
// reparsed incrementally (afresh when a directive edit left it broken),
// any other is parsed afresh. The region is the bytes whose facts must be
// read again (nil: none), widened to whole items.
func (d *Document) reparse(parsed, src []byte, lines *lineIndex, spans []source.Span, contentEnd int, moved *shifter) ([]segment, *source.Span) {
	old := make(map[source.Span]segment, len(d.segs))
	for _, s := range d.segs {
		if d.full {
			s.tree.Close()
		} else {
			old[s.span] = s
		}
	}
	touched := func(s source.Span) bool {
		return d.dirty != nil && d.dirty.Start <= s.End && d.dirty.End >= s.Start
	}
	// A directive edit has the segments it reached parsed afresh when they
	// are broken (see directive.go), but for one too long to parse on a
	// keystroke (see freshGapMax).
	afresh := func(s source.Span) bool { return d.directive && s.End-s.Start <= freshGapMax }
	var region *source.Span
	grow := func(r source.Span) {
		if region == nil {
			region = &r
			return
		}
		region.Start, region.End = min(region.Start, r.Start), max(region.End, r.End)
	}
	out := make([]segment, 0, len(spans))
	var fresh []int // the segments of out to parse afresh, parsed last
	for _, span := range spans {
		prev, ok := old[span]
		delete(old, span)
		switch {
		case ok && !touched(span):
			// Its tree is the same, and so are its errors; whether it is cut
			// off depends on where the file's text ends. The last error
			// ends within the segment, so only a segment reaching that end
			// can be: walking every broken tree on each key cost an eighth
			// of a keystroke in a real file with broken segments.
			switch {
			case prev.errors > 0 && span.End >= contentEnd:
				prev.errors, prev.cutOff = countErrors(prev.tree.RootNode(), contentEnd)
			case prev.errors > 0:
				prev.cutOff = false
			}
			out = append(out, prev)
		case ok && !(afresh(span) && prev.errors > 0):
			s := d.g.parseSegment(d.parser, parsed, lines, span, prev.tree, contentEnd)
			if afresh(span) && s.errors > 0 {
				// Broken by a directive edit: read as Extract reads it.
				s.tree.Close()
				s = d.parseFresh(d.parser, parsed, lines, span, src, contentEnd)
				grow(span)
			} else {
				grow(d.changedRegion(prev.tree, s.tree, *d.dirty, moved))
			}
			prev.tree.Close()
			out = append(out, s)
		default:
			if ok {
				prev.tree.Close() // broken, and a directive edit reached it
			}
			fresh = append(fresh, len(out))
			out = append(out, segment{span: span})
			grow(span)
		}
	}
	d.parseAllFresh(out, fresh, parsed, lines, src, contentEnd)
	for _, s := range old {
		s.tree.Close() // no longer a segment
	}
	return out, region
}

// parseFresh parses span of parsed with no old tree: its ParseGap is
// then that of its own tree (see freshGap).
func (d *Document) parseFresh(p *sitter.Parser, parsed []byte, lines *lineIndex, span source.Span, src []byte, contentEnd int) segment {
	s := d.g.parseSegment(p, parsed, lines, span, nil, contentEnd)
	s.gapRead = true
	if s.errors > 0 {
		s.gap = findGap(s.tree.RootNode(), src)
	}
	return s
}

// updateMacros reuses the previous parse of every invocation whose span
// and text are unchanged and outside the edited bytes; the rest are parsed.
// old are the previous invocations, moved through the edits; both lists
// are in file order.
func (d *Document) updateMacros(old []MacroCall, src []byte, lines *lineIndex, spans []source.Span, separators []int) []MacroCall {
	if d.full {
		old = nil
	}
	reusable := func(m MacroCall) bool {
		return d.dirty == nil || m.Span.End < d.dirty.Start || m.Span.Start > d.dirty.End
	}
	// Walk both lists in order: reused[i] is the old parse of spans[i].
	reused := make([]*MacroCall, len(spans))
	var todo []source.Span
	var todoSeps []int
	j := 0
	for i, s := range spans {
		for j < len(old) && old[j].Span.Start < s.Start {
			j++
		}
		if j < len(old) && old[j].Span == s && reusable(old[j]) {
			reused[i] = &old[j]
			continue
		}
		todo = append(todo, s)
		todoSeps = append(todoSeps, separatorOf(separators, i))
	}
	fresh := d.g.readMacros(d.parser, src, lines, todo, todoSeps)
	out := make([]MacroCall, 0, len(spans))
	k := 0
	for i, s := range spans {
		if reused[i] != nil {
			out = append(out, *reused[i])
			continue
		}
		// readMacros drops invocations without their parenthesis.
		for k < len(fresh) && fresh[k].Span.Start < s.Start {
			k++
		}
		if k < len(fresh) && fresh[k].Span == s {
			out = append(out, fresh[k])
		}
	}
	// readMacros left the parser reading only macros; the next full parse
	// sets its ranges again.
	if len(out) == 0 {
		return nil // as Extract leaves it
	}
	return out
}

// enclosingFacts widens r to the old functions and variables around it
// (their spans moved through the pending edits): with broken code an
// item's extent in the trees can disagree with the facts read from it
// earlier, and those facts must be read again.
func (d *Document) enclosingFacts(r source.Span, moved *shifter) source.Span {
	widen := func(s source.Span) {
		s = source.Span{Start: moved.pos(s.Start), End: moved.pos(s.End)}
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

// changedRanges widens the edited bytes to the changed ranges between a
// segment's old tree (edited) and its new one.
func changedRanges(old, tree *sitter.Tree, dirty source.Span) source.Span {
	r := dirty
	for _, c := range old.ChangedRanges(tree) {
		r.Start = min(r.Start, int(c.StartByte))
		r.End = max(r.End, int(c.EndByte))
	}
	return r
}

// wholeItems widens r to whole items (functions, declarations,
// directives, statements) of the children of root, looking inside #if
// blocks, extern "C" and namespaces, so a re-query there sees every node a
// fact can come from. The items around the change in the old tree (its
// offsets already moved by Tree.Edit, oldRoot the node that was root)
// hold the old facts to drop; those in the new tree the facts to read.
// Widen until both agree.
func wholeItems(root, oldRoot *sitter.Node, r source.Span) source.Span {
	for range 4 {
		next := itemsAround(root, r)
		before := itemsAround(oldRoot, next)
		next = source.Span{Start: min(next.Start, before.Start), End: max(next.End, before.End)}
		if next == r {
			break
		}
		r = next
	}
	return r
}

// itemsAround widens r to the items of root it touches (see wholeItems).
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

// freshGapMax bounds the segments freshGap parses afresh; real code is cut
// into segments of a few KiB (segmentSize).
const freshGapMax = 256 << 10

// freshGap is the ParseGap a fresh extraction finds: that of the first
// segment with errors that has one. Error recovery depends on the parse
// history, so an incrementally reparsed segment can place its error
// elsewhere than a fresh parse of the same text; the gap names a construct
// in a finding (HPY004), so it is read from a fresh parse of the segment,
// once per segment, and only for segments with errors.
func (d *Document) freshGap(segs []segment, parsed []byte, lines *lineIndex, src []byte, contentEnd int, aside *asideGap) *ParseGap {
	for i := range segs {
		s := &segs[i]
		if s.errors == 0 {
			continue
		}
		switch {
		case s.gapRead:
		case s.span.End-s.span.Start > freshGapMax:
			// A keystroke must not cost a fresh parse of a segment this
			// long (a file of garbage is one segment): its own tree says.
			s.gap, s.gapRead = findGap(s.tree.RootNode(), src), true
		default:
			fresh, ok := aside.take(s.span)
			if ok {
				d.asideTaken++
			} else {
				fresh = d.g.parseSegment(d.parser, parsed, lines, s.span, nil, contentEnd)
			}
			s.gap, s.gapRead = findGap(fresh.tree.RootNode(), src), true
			fresh.tree.Close()
		}
		if s.gap != nil {
			return s.gap
		}
	}
	return nil
}
