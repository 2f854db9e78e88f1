package cfacts

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A key in the broken segment that holds a file's ParseGap costs two
// parses of it: the incremental reparse, then freshGap's fresh parse (in
// numpy-hpy's multiarraymodule.c, a 20 KB segment: 5 ms of a key where
// others cost 1.3). Where freshGap's parse can be foreseen before the
// reparse, it is started then, on a parser of its own, and runs beside
// the reparse and the reading of facts. It parses the same bytes as
// freshGap would, so it gives the same tree; a guess that freshGap turns
// out not to need is thrown away.

// asideGap is a fresh parse of one segment started before the reparse.
type asideGap struct {
	span source.Span
	done chan segment
}

// startAsideGap starts the fresh parse freshGap will make, when the
// segments before the edit tell which it is: the first broken segment
// whose gap is not known, if no segment before it has a gap, and if it
// was broken before the edit (an edited one may be broken afterwards, but
// was then most likely broken before).
func (d *Document) startAsideGap(parsed []byte, lines *lineIndex, spans []source.Span, contentEnd int) *asideGap {
	if d.full || d.directive || d.dirty == nil {
		return nil
	}
	old := make(map[source.Span]*segment, len(d.segs))
	for i := range d.segs {
		old[d.segs[i].span] = &d.segs[i]
	}
	for _, span := range spans {
		prev, ok := old[span]
		switch {
		case !ok:
			return nil // a new segment: whether it is broken is not known
		case d.dirty.Start <= span.End && d.dirty.End >= span.Start:
			if prev.errors == 0 || span.End-span.Start > freshGapMax {
				return nil
			}
			return d.parseAside(parsed, lines, span, contentEnd)
		case prev.errors == 0:
		case prev.gapRead && prev.gap != nil:
			return nil // the file's gap, before the edit
		case !prev.gapRead:
			if span.End-span.Start > freshGapMax {
				return nil
			}
			return d.parseAside(parsed, lines, span, contentEnd)
		}
	}
	return nil
}

func (d *Document) parseAside(parsed []byte, lines *lineIndex, span source.Span, contentEnd int) *asideGap {
	if d.aside == nil {
		d.aside = sitter.NewParser()
		if err := d.aside.SetLanguage(d.g.lang); err != nil {
			d.aside.Close()
			d.aside = nil
			return nil
		}
	}
	a := &asideGap{span: span, done: make(chan segment, 1)}
	go func() { a.done <- d.g.parseSegment(d.aside, parsed, lines, span, nil, contentEnd) }()
	return a
}

// take is the fresh parse of span, when it is the one started aside.
func (a *asideGap) take(span source.Span) (segment, bool) {
	if a == nil || a.span != span || a.done == nil {
		return segment{}, false
	}
	s := <-a.done
	a.done = nil
	return s, true
}

// finish waits for a parse nobody took and frees it: the parsed text and
// the parser are the Document's again.
func (a *asideGap) finish() {
	if a != nil && a.done != nil {
		s := <-a.done
		s.tree.Close()
		a.done = nil
	}
}
