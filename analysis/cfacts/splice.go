package cfacts

import (
	"sort"

	"github.com/hpyproject/hpylint/analysis/source"
)

// shiftMap maps offsets from before an edit to after it: [start, oldEnd)
// became [start, newEnd).
type shiftMap struct{ start, oldEnd, newEnd int }

func (m shiftMap) pos(p int) int {
	switch {
	case p <= m.start:
		return p
	case p >= m.oldEnd:
		return p + m.newEnd - m.oldEnd
	}
	return m.newEnd // inside replaced text: the end of the new text
}

// splice is how one fact type is copied from old facts (in the offsets
// before the edits) into new ones: where it starts and ends, and how to
// move it through the edits.
type splice[T any] struct {
	start, end func(*T) int
	move       func(*T, *shifter)
}

// replaced is the run of old, [lo, hi), whose moved starts fall in region:
// apply copies old's facts before and after it, moved, in their order.
func (s splice[T]) replaced(old []T, sh *shifter, region *source.Span) (lo, hi int) {
	if region == nil {
		return len(old), len(old)
	}
	movedStart := func(j int) int { return sh.pos(s.start(&old[j])) }
	lo = sort.Search(len(old), func(j int) bool { return movedStart(j) >= region.Start })
	hi = lo + sort.Search(len(old)-lo, func(j int) bool { return movedStart(lo+j) > region.End })
	return lo, hi
}

// apply returns old's facts moved through the edits, except those starting
// in region (after the move; its end included), which are replaced by
// fresh's facts starting there. A fact whose text an edit deleted collapses
// onto the region's end. The query over the region also returns enclosing
// nodes (an #if around it), which are old's and are skipped in fresh.
// region nil: nothing is replaced. Old facts are sorted by start, and
// moving keeps the order, so those outside the region are a run before it
// and a run after it.
func (s splice[T]) apply(old, fresh []T, sh *shifter, region *source.Span) []T {
	if old == nil && (fresh == nil || region == nil) {
		return nil
	}
	lo, hi := s.replaced(old, sh, region)
	out := make([]T, 0, len(old)+len(fresh))
	// Copied first, then moved in place: old is never modified.
	keep := func(e *T) {
		out = append(out, *e)
		if p := &out[len(out)-1]; s.end(p) >= sh.first {
			s.move(p, sh)
		}
	}
	for j := range lo {
		keep(&old[j])
	}
	if region != nil {
		in := func(off int) bool { return off >= region.Start && off <= region.End }
		for j := lo; j < hi; j++ {
			if !in(sh.pos(s.start(&old[j]))) {
				keep(&old[j]) // unsorted stragglers, if any
			}
		}
		for j := range fresh {
			if in(s.start(&fresh[j])) {
				out = append(out, fresh[j])
			}
		}
	}
	for j := hi; j < len(old); j++ {
		keep(&old[j])
	}
	if len(out) == 0 {
		return nil // as Extract leaves an empty list
	}
	return out
}
