package model

import (
	"sync"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Scans remembers the model's text tests of files (Signals) by File. A
// File's content never changes, and the language server's snapshots, one
// per keystroke, share the Files of every unchanged file: numpy-hpy's 600
// files were read through for "HPy" and "PyInit_" on each run. A nil
// *Scans remembers nothing. Safe for concurrent use.
type Scans struct {
	mu sync.Mutex
	m  map[*source.File]Signals
}

// NewScans starts the scans of a run over snap with prev's answers for
// the Files snap still has.
func NewScans(prev *Scans, snap *source.Snapshot) *Scans {
	s := &Scans{m: map[*source.File]Signals{}}
	if prev == nil {
		return s
	}
	prev.mu.Lock()
	defer prev.mu.Unlock()
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
