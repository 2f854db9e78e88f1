package lsp

import (
	"sync"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// lineIndexes keeps the line index of each file a folder's findings point
// into, across runs: a disk file is one *source.File from one reading of
// the folder to the next, and a finding with thousands of related places
// (an extension's HPY209) would otherwise index hundreds of files on
// every keystroke. Safe for concurrent use.
type lineIndexes struct {
	mu sync.Mutex
	of map[*source.File]*textpos.Index
}

func (l *lineIndexes) index(f *source.File) *textpos.Index {
	if f == nil {
		return textpos.New(nil)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if x := l.of[f]; x != nil {
		return x
	}
	x := textpos.New(f.Content)
	if l.of == nil {
		l.of = map[*source.File]*textpos.Index{}
	}
	l.of[f] = x
	return x
}

// forget drops every index, when the folder is read from disk again.
func (l *lineIndexes) forget() {
	l.mu.Lock()
	l.of = nil
	l.mu.Unlock()
}
