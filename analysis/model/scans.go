package model

import (
	"maps"
	"sync"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Scans remembers the model's text tests of files (Signals) by File. A
// File's content never changes, and the language server's snapshots, one
// per keystroke, share the Files of every unchanged file: numpy-hpy's 600
// files were read through for "HPy" and "PyInit_" on each run. A nil
// *Scans remembers nothing. Safe for concurrent use.
type Scans struct {
	mu   sync.Mutex
	m    map[*source.File]Signals
	snap *source.Snapshot // the snapshot they were made for, or nil
}

// NewScans starts the scans of a run over snap with prev's answers for
// the Files snap still has. When snap differs from prev's snapshot in the
// content of a few files (source.Snapshot.ChangedFrom), only those files'
// old answers are left out: looking every File up in snap, to keep what
// a key did not change, cost as much as the scans saved in a workspace of
// 2,000 files.
func NewScans(prev *Scans, snap *source.Snapshot) *Scans {
	s := &Scans{snap: snap}
	if prev == nil {
		s.m = map[*source.File]Signals{}
		return s
	}
	prev.mu.Lock()
	defer prev.mu.Unlock()
	if prev.snap != nil && snap != nil {
		if changed, ok := snap.ChangedFrom(prev.snap); ok {
			s.m = maps.Clone(prev.m)
			for _, path := range changed {
				delete(s.m, prev.snap.Known(path))
			}
			return s
		}
	}
	s.m = map[*source.File]Signals{}
	for f, v := range prev.m {
		if snap.Known(f.Path) == f {
			s.m[f] = v
		}
	}
	return s
}

// Of is SignalsOf(f.Content), remembered.
func (s *Scans) Of(f *source.File) Signals {
	if s == nil {
		return SignalsOf(f.Content)
	}
	s.mu.Lock()
	v, ok := s.m[f]
	s.mu.Unlock()
	if !ok {
		v = SignalsOf(f.Content)
		s.mu.Lock()
		s.m[f] = v
		s.mu.Unlock()
	}
	return v
}
