package cfacts

import "strings"

// A Document brings HPY003's verdict up to date on every key in a file
// left unfinished, where scanning the whole text took 1.3 ms a key in a
// 1 MB file. A scan keeps its state at the start of a line about every
// checkpointEvery bytes; the scan of the text after one edit starts from
// the last checkpoint before the edit and stops where, past the edit, its
// state meets the old scan's at the same (moved) place: from there on the
// two read the same bytes in the same state, and the old outcome, moved,
// is the new one.

const checkpointEvery = 4096

// confirmTruncation is confirmTruncation for the Document's text after
// edit (nil: after more than one edit, or none known), resuming the scan
// of the text before where it kept one.
func (d *Document) confirmTruncation(f *Facts, src []byte, leftOpen bool, edit *shiftMap) {
	f.Unfinished, f.UnfinishedAt = "", 0
	if !f.Truncated && !leftOpen {
		d.unfinished = nil
		return
	}
	if old := d.unfinished; old != nil && edit != nil && old.size+edit.newEnd-edit.oldEnd == len(src) {
		f.Unfinished, f.UnfinishedAt, d.unfinished = unfinishedAfter(src, old, *edit)
	} else {
		f.Unfinished, f.UnfinishedAt, d.unfinished = unfinishedKept(src)
	}
	f.Truncated = f.Unfinished != ""
}

// scanCheckpoint is a scan's state at the start of a line.
type scanCheckpoint struct {
	pos      int
	states   []nesting
	ifs      []conditional
	overflow bool
}

// unfinishedMemo is a scan of a text kept for the scan of its next edit.
type unfinishedMemo struct {
	size        int // the text's length
	checkpoints []scanCheckpoint
	text        string
	at          int
	// read is how many bytes the scan read: less than the text where it
	// started from a checkpoint or met the old scan (for tests).
	read int
}

// scanResume is what a scan keeps and meets: its own checkpoints, and the
// old scan it may meet past the edit.
type scanResume struct {
	from        int // where the scan starts
	memo        *unfinishedMemo
	old         *unfinishedMemo // nil: a scan from the start
	edit        shiftMap
	next        int // the next old checkpoint to meet
	lastKept    int // where the last checkpoint was taken
	metAt, metK int // where the scan met the old one (-1: it did not), and its checkpoint
	every       int // bytes between checkpoints: checkpointEvery, but in tests
}

// unfinishedKept is unfinished, keeping checkpoints in a new memo.
func unfinishedKept(src []byte) (string, int, *unfinishedMemo) {
	return unfinishedKeptEvery(src, checkpointEvery)
}

// unfinishedKeptEvery keeps a checkpoint every so many bytes (tests keep
// one at every line start).
func unfinishedKeptEvery(src []byte, every int) (string, int, *unfinishedMemo) {
	memo := &unfinishedMemo{size: len(src)}
	u := unfinishedScan{src: src, states: []nesting{{at: -1}}, resume: &scanResume{memo: memo, lastKept: -every, metAt: -1, every: every}}
	return u.finish(memo)
}

// unfinishedAfter is unfinished for src, the text old was a scan of after
// one edit, read from old's last checkpoint before the edit.
func unfinishedAfter(src []byte, old *unfinishedMemo, e shiftMap) (string, int, *unfinishedMemo) {
	// The token before a checkpoint read up to a byte past it (a
	// directive's line end, a lone CR's next byte): a checkpoint counts
	// only where the edit starts after those.
	k := -1
	for i, cp := range old.checkpoints {
		if cp.pos+2 > e.start {
			break
		}
		k = i
	}
	if k < 0 {
		return unfinishedKept(src)
	}
	cp := old.checkpoints[k]
	memo := &unfinishedMemo{size: len(src), checkpoints: append(make([]scanCheckpoint, 0, len(old.checkpoints)+1), old.checkpoints[:k]...)}
	u := unfinishedScan{src: src, states: clone(cp.states), ifs: cloneIfs(cp.ifs), overflow: cp.overflow,
		resume: &scanResume{from: cp.pos, memo: memo, old: old, edit: e, next: k + 1, lastKept: cp.pos - checkpointEvery, metAt: -1, every: checkpointEvery}}
	return u.finish(memo)
}

// finish runs the scan and completes memo with its outcome, and with the
// old scan's checkpoints past the place the two met, moved.
func (u *unfinishedScan) finish(memo *unfinishedMemo) (string, int, *unfinishedMemo) {
	text, at := u.run(), u.at
	r := u.resume
	memo.read = u.ended - r.from
	if r.metAt >= 0 {
		memo.read = r.metAt - r.from
		// The old outcome cites a place of the state both scans met in,
		// or one read after it: either moves with the edit.
		text = r.old.text
		at = 0
		if strings.Contains(text, unfinishedLine) {
			at, _ = movedOffset(r.edit, r.old.at)
		}
		for _, cp := range r.old.checkpoints[r.metK:] {
			memo.checkpoints = append(memo.checkpoints, movedCheckpoint(cp, r.edit))
		}
	}
	memo.text, memo.at = text, at
	return text, at, memo
}

// at is called at the start of each line the scan reaches: it meets the
// old scan there if it can, else keeps a checkpoint when one is due. met
// ends the scan, with the old scan's outcome to come (finish).
func (r *scanResume) at(u *unfinishedScan, i int) (string, bool) {
	if r.old != nil && i >= r.edit.newEnd {
		d := r.edit.newEnd - r.edit.oldEnd
		for r.next < len(r.old.checkpoints) && r.old.checkpoints[r.next].pos < i-d {
			r.next++
		}
		if r.next < len(r.old.checkpoints) && r.old.checkpoints[r.next].pos == i-d && sameScanState(u, r.old.checkpoints[r.next], r.edit) {
			r.metAt, r.metK = i, r.next
			return "", true
		}
	}
	if i-r.lastKept >= r.every {
		r.memo.checkpoints = append(r.memo.checkpoints, scanCheckpoint{pos: i, states: clone(u.states), ifs: cloneIfs(u.ifs), overflow: u.overflow})
		r.lastKept = i
	}
	return "", false
}

// sameScanState reports whether u's state is old's checkpoint moved
// through the edit.
func sameScanState(u *unfinishedScan, old scanCheckpoint, e shiftMap) bool {
	if u.overflow != old.overflow || len(u.ifs) != len(old.ifs) || !sameNestings(u.states, old.states, e) {
		return false
	}
	for i, c := range u.ifs {
		o := old.ifs[i]
		if at, ok := movedOffset(e, o.at); !ok || at != c.at || c.hasElse != o.hasElse ||
			!sameNestings(c.entry, o.entry, e) || !sameNestings(c.done, o.done, e) {
			return false
		}
	}
	return true
}

func sameNestings(now, old []nesting, e shiftMap) bool {
	if len(now) != len(old) {
		return false
	}
	for i, n := range now {
		o := old[i]
		if at, ok := movedOffset(e, o.at); !ok || at != n.at || n.braces != o.braces || n.parens != o.parens {
			return false
		}
	}
	return true
}

// movedOffset moves an offset of the old text through the edit; -1 (no
// place) stays. false for one inside the replaced text.
func movedOffset(e shiftMap, at int) (int, bool) {
	switch {
	case at < 0 || at < e.start:
		return at, true
	case at >= e.oldEnd:
		return at + e.newEnd - e.oldEnd, true
	}
	return at, false
}

func movedCheckpoint(cp scanCheckpoint, e shiftMap) scanCheckpoint {
	out := scanCheckpoint{pos: cp.pos + e.newEnd - e.oldEnd, states: movedNestings(cp.states, e), overflow: cp.overflow}
	for _, c := range cp.ifs {
		at, _ := movedOffset(e, c.at)
		out.ifs = append(out.ifs, conditional{entry: movedNestings(c.entry, e), done: movedNestings(c.done, e), hasElse: c.hasElse, at: at})
	}
	return out
}

func movedNestings(s []nesting, e shiftMap) []nesting {
	out := clone(s)
	for i := range out {
		out[i].at, _ = movedOffset(e, out[i].at)
	}
	return out
}

func cloneIfs(ifs []conditional) []conditional {
	out := make([]conditional, len(ifs))
	for i, c := range ifs {
		out[i] = conditional{entry: clone(c.entry), done: clone(c.done), hasElse: c.hasElse, at: c.at}
	}
	return out
}
