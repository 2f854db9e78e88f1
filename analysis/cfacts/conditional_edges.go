package cfacts

import "github.com/hpyproject/hpylint/analysis/source"

// An edit reads again the facts of the items around it, and inside an #if
// those are the statements or declarations of its branch: the #if's own
// fact, which starts at its condition, is kept and moved. Moving is exact
// but where blank text is put right before an #else, #elif or #endif: its
// branch boundary then moves with the text, where a moved offset stays.
// The conditional is then read again with the rest.

// withConditionalsAt widens region to the start of every old conditional
// (its offsets moved through the edits) whose branch boundary lies in the
// edited bytes.
func withConditionalsAt(region *source.Span, old []Conditional, moved *shifter, dirty source.Span) *source.Span {
	at := func(p int) bool {
		p = moved.pos(p)
		return p >= dirty.Start && p <= dirty.End
	}
	for i := range old {
		c := &old[i]
		if !at(c.Then.End) && !at(c.Else.Start) {
			continue
		}
		start := moved.pos(c.Then.Start)
		if region == nil {
			region = &source.Span{Start: start, End: dirty.End}
			continue
		}
		region = &source.Span{Start: min(region.Start, start), End: max(region.End, dirty.End)}
	}
	return region
}
