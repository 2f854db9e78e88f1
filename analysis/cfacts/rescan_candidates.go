package cfacts

import (
	"sort"

	"github.com/hpyproject/hpylint/analysis/source"
)

// rescan scans again from the item start before an edit to the item start
// after it, which for a key inside a function is the whole function (15 KB
// for numpy-hpy's module init). Of what it finds, the facts outside the
// syntax tree's changes depend only on the candidates (which identifiers
// readRefs asks the tree about): the macros it blanks reach the trees as
// edits (reblank), and its item starts the segments' cuts. So the facts to
// read again for the scan are those where the candidates differ.

// changedCandidates is the span of the candidates that a rescan of
// scanned found otherwise than the scan before (old, in the offsets it was
// scanned at), with the edited bytes dirty: every candidate outside it is
// an old one moved by delta, over the same text.
func changedCandidates(old, now []source.Span, scanned, dirty source.Span, delta int) source.Span {
	out := dirty
	add := func(s source.Span) {
		out.Start, out.End = min(out.Start, s.Start), max(out.End, s.End)
	}
	// Old offsets past the edited bytes moved by delta; those in them are
	// gone.
	oldDirtyEnd := dirty.End - delta
	edit := shiftMap{start: dirty.Start, oldEnd: oldDirtyEnd, newEnd: dirty.End}
	moved := func(s source.Span) source.Span { return source.Span{Start: edit.pos(s.Start), End: edit.pos(s.End)} }
	lo, hi := searchStart(now, scanned.Start), searchStart(now, scanned.End)
	oldLo, oldHi := searchStart(old, scanned.Start), searchStart(old, scanned.End-delta)
	// Before the edit, the same spans are the same text.
	for lo < hi && oldLo < oldHi && now[lo] == old[oldLo] && now[lo].End <= dirty.Start {
		lo, oldLo = lo+1, oldLo+1
	}
	// After it, the same spans moved are the same text.
	for lo < hi && oldLo < oldHi && old[oldHi-1].Start >= oldDirtyEnd && now[hi-1] == moved(old[oldHi-1]) {
		hi, oldHi = hi-1, oldHi-1
	}
	for _, c := range now[lo:hi] {
		add(c)
	}
	for _, c := range old[oldLo:oldHi] {
		add(moved(c))
	}
	return out
}

// searchStart is the index of the first span starting at or after at.
func searchStart(spans []source.Span, at int) int {
	return sort.Search(len(spans), func(i int) bool { return spans[i].Start >= at })
}
