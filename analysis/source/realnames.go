package source

import "sync/atomic"

// Whether a changed file is known under another name is asked on every
// key the language server analyses, of the file typed into. Walking every
// file of the snapshot and every loaded one to answer cost a fifth of a
// millisecond a key in a workspace of 2,000 files, twice: the names of
// each real file are counted instead, once for the files the loader
// returned (as it returns them) and once for a snapshot's listed files,
// which a snapshot made by With shares while the files it was given keep
// their real names.

// realNames counts, by Real, the paths that name a file.
type realNames map[string]int

func (r realNames) add(f *File) {
	if f != nil && f.Real != "" {
		r[f.Real]++
	}
}

// realsBuilt counts the listed files' indexes built, for a test.
var realsBuilt atomic.Int64

// listedReals is the index of the listed files' real names, built once.
// Called with s.mu held.
func (s *Snapshot) listedReals() realNames {
	if s.reals == nil {
		realsBuilt.Add(1)
		s.reals = make(realNames)
		for _, f := range s.files {
			s.reals.add(f)
		}
		for _, n := range s.reals {
			s.realsShared = s.realsShared || n > 1
		}
	}
	return s.reals
}

// sameReals reports whether the files given to With keep the real names
// the parent lists at their paths, so the parent's index holds for the
// child. Called with parent.mu held.
func sameReals(parent *Snapshot, files []*File) bool {
	for _, f := range files {
		old := parent.files[f.Path]
		if old == nil || old.Real != f.Real {
			return false
		}
	}
	return true
}

// hasOtherName reports whether the file at p is known under another path,
// listed or loaded.
func (s *Snapshot) hasOtherName(p string) bool {
	f := s.Known(p)
	if f == nil || f.Real == "" {
		return false
	}
	s.mu.Lock()
	listed := s.listedReals()[f.Real]
	if g := s.files[p]; g != nil && g.Real == f.Real {
		listed-- // p itself
	}
	s.mu.Unlock()
	if listed > 0 {
		return true
	}
	s.loaded.mu.Lock()
	defer s.loaded.mu.Unlock()
	loaded := s.loaded.reals[f.Real]
	if g := s.loaded.files[p]; g != nil && g.Real == f.Real {
		loaded--
	}
	return loaded > 0
}

// sharedNames is NamesShared's answer while the loader has made loads
// loads.
type sharedNames struct {
	loads  int64
	shared bool
}

// NamesShared reports whether some real file has two names among the
// listed files and those loaded so far (a symbolic link and its target):
// while none has, a file's path alone tells it from the others, and the
// model need not index its files by real path (2,000 lookups of long
// paths on every key of a large workspace). Asked again after a load, the
// answer covers the files loaded since.
func (s *Snapshot) NamesShared() bool {
	var loads int64
	if s.loaded != nil {
		loads = s.loaded.count.Load()
	}
	if a := s.sharedNames.Load(); a != nil && a.loads == loads {
		return a.shared
	}
	s.mu.Lock()
	listed, shared := s.listedReals(), s.realsShared
	s.mu.Unlock()
	if !shared && s.loaded != nil {
		s.loaded.mu.Lock()
		loads = s.loaded.count.Load()
		for path, f := range s.loaded.files {
			if f == nil || f.Real == "" {
				continue
			}
			// Another loaded name, or a listed one: files never changes
			// once the snapshot is made, so it is read without the lock.
			other := s.loaded.reals[f.Real] > 1 || listed[f.Real] > 0
			if g := s.files[path]; g != nil && g.Real == f.Real && listed[f.Real] == 1 && s.loaded.reals[f.Real] == 1 {
				other = false // listed and loaded under one name
			}
			if other {
				shared = true
				break
			}
		}
		s.loaded.mu.Unlock()
	}
	s.sharedNames.Store(&sharedNames{loads: loads, shared: shared})
	return shared
}
