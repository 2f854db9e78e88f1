package model

import "slices"

// KeepHeaders starts p's memo of Headers with prev's answers that still
// hold: the project headers a unit reaches follow from the includes and
// #if regions of the files on the way, the include directories and -D
// flags of the build configs, and which paths exist. With the same
// configs and paths, an answer holds while every file it passed through
// has the same facts. Call it once facts are final (after Resolve).
func (p *Project) KeepHeaders(prev *Project) {
	if prev == nil || prev == p || !slices.Equal(prev.Configs, p.Configs) ||
		!p.Snapshot.SamePaths(prev.Snapshot) {
		return
	}
	same := func(old *Unit) *Unit {
		u := p.Unit(old.Path)
		if u == nil || u.Path != old.Path || u.File != old.File || u.Facts != old.Facts {
			return nil
		}
		return u
	}
	prev.headerMemo.Lock()
	defer prev.headerMemo.Unlock()
	p.headerMemo.Lock()
	defer p.headerMemo.Unlock()
	for old, hs := range prev.headerMemo.m {
		u := same(old)
		if u == nil {
			continue
		}
		kept := make([]*Unit, 0, len(hs))
		for _, h := range hs {
			if nh := same(h); nh != nil {
				kept = append(kept, nh)
			}
		}
		if len(kept) != len(hs) {
			continue
		}
		if p.headerMemo.m == nil {
			// Sized for what the model before had: grown entry by entry,
			// the map of a 2,000-file workspace was rehashed on every key.
			p.headerMemo.m = make(map[*Unit][]*Unit, len(prev.headerMemo.m))
		}
		p.headerMemo.m[u] = kept
	}
}
