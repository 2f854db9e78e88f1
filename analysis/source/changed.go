package source

import (
	"bytes"
	"weak"
)

// ChangedFrom lists the paths whose content differs between prev and s,
// sorted, when both were made by With or WithShared from snapshots of one
// disk state (they share what the loader read) and list the same paths;
// ok is false otherwise, and for a changed file that has another name
// (a symbolic link), whose content would change under that name too.
// Exclude is not compared: a caller that changes what is excluded reads
// the disk again (the language server does), which makes a new state.
// The list is shared: callers must not change it.
func (s *Snapshot) ChangedFrom(prev *Snapshot) (changed []string, ok bool) {
	// A run asks this twice of the same two snapshots (may it move the
	// findings, may it keep the carry): in a workspace of 2,000 files,
	// each answer walks them all.
	s.mu.Lock()
	last := s.changedFrom
	s.mu.Unlock()
	if prev != nil && last.prev.Value() == prev {
		return last.changed, last.ok
	}
	changed, ok = s.changedFromWalk(prev)
	s.mu.Lock()
	s.changedFrom = changedFrom{prev: weak.Make(prev), changed: changed, ok: ok}
	s.mu.Unlock()
	return changed, ok
}

// changedFrom is ChangedFrom's last answer. The snapshot it was asked
// about is held weakly: each key's snapshot would otherwise keep every
// one before it.
type changedFrom struct {
	prev    weak.Pointer[Snapshot]
	changed []string
	ok      bool
}

func (s *Snapshot) changedFromWalk(prev *Snapshot) (changed []string, ok bool) {
	if s.loaded == nil || s.loaded != prev.loaded || s.Root != prev.Root {
		return nil, false
	}
	if given, ok := s.givenSince(prev); ok {
		return s.changedAmong(prev, given)
	}
	return s.changedInAll(prev)
}

// changedInAll is changedFromWalk's answer got by comparing every file.
func (s *Snapshot) changedInAll(prev *Snapshot) (changed []string, ok bool) {
	if !s.SamePaths(prev) {
		return nil, false
	}
	return s.changedAmong(prev, s.PathsShared())
}

// changedAmong is changedFromWalk's answer when only the files at paths
// can differ between prev and s, which list the same paths.
func (s *Snapshot) changedAmong(prev *Snapshot, paths []string) (changed []string, ok bool) {
	for _, p := range paths {
		a, b := prev.File(p), s.File(p)
		if a == b {
			continue
		}
		if a == nil || b == nil || a.Real != b.Real || a.Problem != b.Problem {
			return nil, false
		}
		if !bytes.Equal(a.Content, b.Content) {
			changed = append(changed, p)
		}
	}
	for _, p := range changed {
		if s.hasOtherName(p) || prev.hasOtherName(p) {
			return nil, false
		}
	}
	return changed, true
}
