package cfacts

import (
	"sort"

	"github.com/hpyproject/hpylint/analysis/source"
)

// rescan is scanFile(src) computed from old, the scan of the text before
// some edits: the text changed only in dirty (src's offsets) and what
// follows moved by delta. old.macros are already moved through the edits
// (a Document keeps them so); old's other lists have the offsets they were
// scanned at. The scan starts again at the last item start before the
// edits, where the state is known, and stops at the first item start
// after them where it is the same as before: from there the text, and so
// the scan, is the old one moved. A keystroke so scans a few items, not
// the file. reuse's lists are written (see scanFileInto). It also returns
// the text it scanned again, from item start to item start: the facts read
// there depend on the new scan (its candidates) even where the syntax tree
// did not change, as when an unterminated "/*" hides the rest of the file
// from the scan but not from the grammar.
func rescan(src []byte, old scan, dirty source.Span, delta int, reuse scan) (scan, source.Span) {
	s := newScanner(src, reuse)
	res := &s.res

	// Before the edits everything is as it was, up to the last item start
	// at or before them.
	from := 0
	if k := sort.SearchInts(old.itemStarts, dirty.Start+1) - 1; k >= 0 {
		from = old.itemStarts[k]
	}
	res.itemStarts = append(res.itemStarts, old.itemStarts[:sort.SearchInts(old.itemStarts, from+1)]...)
	res.leftOpen = append(res.leftOpen, old.leftOpen[:sort.SearchInts(old.leftOpen, from)]...)
	nm := sort.Search(len(old.macros), func(i int) bool { return old.macros[i].Start >= from })
	res.macros = append(res.macros, old.macros[:nm]...)
	res.separators = append(res.separators, old.separators[:nm]...)
	res.candidates = append(res.candidates, old.candidates[:sort.Search(len(old.candidates), func(i int) bool { return old.candidates[i].Start >= from })]...)
	// The last macro before from waits for its separator there if the old
	// scan found it later, or never.
	if nm > 0 && (old.separators[nm-1] == -1 || old.separators[nm-1] >= from) {
		s.pending = nm - 1
		res.separators[nm-1] = -1
	}

	// oldPendingAt tells whether, in the old scan, a macro was waiting for
	// its separator at the old item start at, and which.
	oldPendingAt := func(at int) int {
		j := sort.Search(len(old.macros), func(i int) bool { return old.macros[i].Start >= at+delta }) - 1
		if j >= 0 && (old.separators[j] == -1 || old.separators[j] >= at) {
			return j
		}
		return -1
	}
	resumeAt, resumeOld := -1, -1
	s.resync = func(at, pending int) bool {
		if at <= dirty.End || at-delta < 0 {
			return false
		}
		prev := at - delta
		k := sort.SearchInts(old.itemStarts, prev)
		if k == len(old.itemStarts) || old.itemStarts[k] != prev {
			return false
		}
		p := oldPendingAt(prev)
		if (p >= 0) != (pending >= 0) {
			return false
		}
		resumeAt, resumeOld = at, p
		return true
	}
	if s.run(from) == len(src) {
		return s.res, source.Span{Start: from, End: len(src)}
	}

	// The rest is the old scan, moved.
	prev := resumeAt - delta
	if resumeOld >= 0 {
		res.separators[s.pending] = moved(old.separators[resumeOld], delta)
	}
	for _, p := range old.itemStarts[sort.SearchInts(old.itemStarts, prev+1):] {
		res.itemStarts = append(res.itemStarts, p+delta)
	}
	for _, p := range old.leftOpen[sort.SearchInts(old.leftOpen, prev):] {
		res.leftOpen = append(res.leftOpen, p+delta)
	}
	mi := sort.Search(len(old.macros), func(i int) bool { return old.macros[i].Start >= resumeAt })
	res.macros = append(res.macros, old.macros[mi:]...)
	for _, sep := range old.separators[mi:] {
		res.separators = append(res.separators, moved(sep, delta))
	}
	for _, c := range old.candidates[sort.Search(len(old.candidates), func(i int) bool { return old.candidates[i].Start >= prev }):] {
		res.candidates = append(res.candidates, source.Span{Start: c.Start + delta, End: c.End + delta})
	}
	return s.res, source.Span{Start: from, End: resumeAt}
}

// moved is a separator offset moved by delta; -1 and -2 are not offsets.
func moved(sep, delta int) int {
	if sep < 0 {
		return sep
	}
	return sep + delta
}
