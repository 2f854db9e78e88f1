package model

import "slices"

// KeepHeaders lets p's memo of Headers take prev's answers that still
// hold: the project headers a unit reaches follow from the includes and
// #if regions of the files on the way, the include directories and -D
// flags of the build configs, and which paths exist. With the same
// configs and paths, an answer holds while every file it passed through
// has the same facts. Call it once facts are final (after Resolve).
//
// An answer is taken when asked for (keptHeaders), not copied up front:
// a key asks for the headers of a fifth of a workspace's files, and
// copying every answer cost half a millisecond a key at 2,000 files. p
// keeps prev for that, and prev lets go of the project before it, so a
// key's project keeps one other alive, which the run after it holds
// anyway (the model it starts from). An answer nobody asked for in a
// run is worked out again when next asked.
func (p *Project) KeepHeaders(prev *Project) {
	if prev == nil || prev == p || !slices.Equal(prev.Configs, p.Configs) ||
		!p.Snapshot.SamePaths(prev.Snapshot) {
		return
	}
	prev.headerMemo.Lock()
	prev.headerMemo.prev = nil
	prev.headerMemo.Unlock()
	p.headerMemo.Lock()
	p.headerMemo.prev = prev
	p.headerMemo.Unlock()
}

// keptHeaders is prev's answer for u, in p's units, when it holds.
// Called with p's memo locked; prev's is locked after it (a project
// never locks a newer one's).
func (p *Project) keptHeaders(u *Unit) ([]*Unit, bool) {
	prev := p.headerMemo.prev
	if prev == nil {
		return nil, false
	}
	same := func(old *Unit) *Unit {
		u := p.Unit(old.Path)
		if u == nil || u.Path != old.Path || u.File != old.File || u.Facts != old.Facts {
			return nil
		}
		return u
	}
	was := prev.Unit(u.Path)
	if was == nil || same(was) != u {
		return nil, false
	}
	prev.headerMemo.Lock()
	hs, ok := prev.headerMemo.m[was]
	prev.headerMemo.Unlock()
	if !ok {
		return nil, false
	}
	kept := make([]*Unit, 0, len(hs))
	for _, h := range hs {
		nh := same(h)
		if nh == nil {
			return nil, false
		}
		kept = append(kept, nh)
	}
	headersKept.Add(1)
	return kept, true
}
