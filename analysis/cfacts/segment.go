package cfacts

import (
	"encoding/binary"
	"math"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A file is parsed in segments: runs of whole top-level items, each with a
// tree of its own. Tree-sitter's incremental reparse costs time in
// proportion to the top-level items of the tree (measured: about 0.7 µs
// each, 4 ms for a 1 MB HPy file, wherever the edit is), so a keystroke
// that reparses one segment of a few dozen items is cheap. For code that
// parses cleanly the items are the same as in one tree of the whole file:
// top-level items are context-free, and segments are cut only where the
// token scan shows no open brace, parenthesis or #if (scan.itemStarts).
// Broken code stays broken inside its segment: error recovery cannot
// swallow the rest of the file.

// segmentSize is the mean length of a segment. Tests lower it to cut
// small files into many segments. A key in a segment with syntax errors
// costs a fresh parse of the whole segment (its ParseGap, see freshGap):
// at 8 KB, numpy-hpy's multiarraymodule.c had a 20 KB broken segment
// whose keys cost 5 to 9 ms where others cost 1. At 2 KB, cuts fall
// often enough between the items of short broken declarations that
// their facts change (TestDeclRefs).
var segmentSize = 4 << 10

// segmentsOf cuts [0, n) at some of the item starts. Whether an item start
// is a cut depends only on the text there and the distance from the item
// start before it (a cut at c with probability gap/segmentSize, the dice
// being a hash of the text at c), never on where the previous cut fell: so
// an edit can move only the cuts next to it. Cuts that depended on the
// previous cut (at least so many bytes after it) made one edit shift every
// later cut now and then, and reparse the rest of the file.
func segmentsOf(src []byte, itemStarts []int) []source.Span {
	// Every item start decided afresh: all of the text is changed.
	return segmentsAround(src, itemStarts, nil, source.Span{Start: 0, End: math.MaxInt})
}

// segmentsAround is segmentsOf(src, itemStarts) for a text edited since
// old were cut (their spans moved through the edits), where changed spans
// the bytes and item starts that may differ. Whether an item start is a
// cut depends on the window of bytes at it and its distance from the item
// start before it; where neither reaches changed, it is a cut as it was,
// and only the others are hashed again (hashing every item start of a
// 1 MB file cost 0.3 ms of a key).
func segmentsAround(src []byte, itemStarts []int, old []segment, changed source.Span) []source.Span {
	out := make([]source.Span, 0, len(old)+1)
	start, prev, j := 0, 0, 1 // old[j] is the next old cut to compare with
	for _, c := range itemStarts {
		gap, before := c-prev, prev
		prev = c
		if c >= len(src) || c == start {
			continue
		}
		var cut bool
		if c+cutWindow <= changed.Start || before >= changed.End {
			for j < len(old) && old[j].span.Start < c {
				j++
			}
			cut = j < len(old) && old[j].span.Start == c
		} else {
			cut = cutAt(src, c, gap)
		}
		if cut {
			out = append(out, source.Span{Start: start, End: c})
			start = c
		}
	}
	return append(out, source.Span{Start: start, End: len(src)})
}

// cutAt reports whether the item start c, gap bytes past the item start
// before it, is a cut.
func cutAt(src []byte, c, gap int) bool {
	return uint64(windowHash(src[c:min(c+cutWindow, len(src))])%cutScale)*uint64(segmentSize) < uint64(gap)*cutScale
}

const (
	cutScale  = 1 << 16
	cutWindow = 64 // the bytes at an item start that decide whether it is a cut
)

// windowHash mixes the window eight bytes at a time: every item start of
// the file is hashed on every keystroke.
func windowHash(b []byte) uint32 {
	h := uint64(len(b)) * 0x9E3779B97F4A7C15
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xBF58476D1CE4E5B9
		h ^= h >> 31
		b = b[8:]
	}
	for _, c := range b {
		h = (h ^ uint64(c)) * 0x94D049BB133111EB
	}
	h ^= h >> 29
	return uint32(h ^ h>>32)
}

// segment is one parsed run of items. Its tree has offsets in the whole
// file (the parse reads only the segment's range).
type segment struct {
	span   source.Span
	tree   *sitter.Tree
	errors int  // ERROR and MISSING nodes (countErrors)
	cutOff bool // ends inside an unfinished construct (only the last can)
	// gap is findGap of a fresh parse of the segment, once gapRead (see
	// Document.freshGap).
	gap     *ParseGap
	gapRead bool
}

// parseSegment parses span of src (incrementally from old, an edited tree
// of the same segment, when given) and counts its errors. contentEnd is
// where the file's text ends, trailing blanks excluded.
func (g *grammar) parseSegment(p *sitter.Parser, src []byte, lines *lineIndex, span source.Span, old *sitter.Tree, contentEnd int) segment {
	_ = p.SetIncludedRanges([]sitter.Range{{
		StartByte: uint(span.Start), EndByte: uint(span.End),
		StartPoint: lines.point(span.Start), EndPoint: lines.point(span.End),
	}})
	chunk := readChunk
	if old != nil {
		chunk = reparseChunk
	}
	tree := p.ParseWithOptions(func(off int, _ sitter.Point) []byte {
		if off >= span.End || off < span.Start {
			return nil
		}
		return src[off:min(off+chunk, span.End)]
	}, old, nil)
	s := segment{span: span, tree: tree}
	s.errors, s.cutOff = countErrors(tree.RootNode(), contentEnd)
	return s
}

// readSegment appends the facts of one segment's tree that lie within
// (inclusive at both ends, as spliceFacts counts), or all of them when
// within is nil.
func (g *grammar) readSegment(facts *Facts, qc *sitter.QueryCursor, s segment, src []byte, candidates []source.Span, within *source.Span) {
	refs := source.Span{Start: s.span.Start, End: s.span.End - 1}
	if within != nil {
		qc.SetByteRange(uint(within.Start), uint(within.End+1))
		refs = source.Span{Start: max(refs.Start, within.Start), End: min(refs.End, within.End)}
	} else {
		qc.SetByteRange(0, ^uint(0))
	}
	g.collect(facts, qc, s.tree, src)
	if refs.Start <= refs.End {
		g.readRefs(facts, s.tree, src, candidates, refs)
	}
}

// sumErrors totals the segments' error counts.
func sumErrors(segs []segment) (int, bool) {
	count, cutOff := 0, false
	for _, s := range segs {
		count += s.errors
		cutOff = cutOff || s.cutOff
	}
	return count, cutOff
}
