package model

import (
	"maps"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/textpos"
)

// lineCache builds each file's line index once per project.
type lineCache struct {
	mu sync.Mutex
	m  map[string]*textpos.Index
}

// Lines returns the line index of a file of the snapshot (an empty index for
// a file that does not exist).
func (p *Project) Lines(path string) *textpos.Index {
	c := &p.lines
	c.mu.Lock()
	defer c.mu.Unlock()
	if x := c.m[path]; x != nil {
		return x
	}
	var content []byte
	if f := p.Snapshot.File(path); f != nil {
		content = f.Content
	}
	x := textpos.New(content)
	if c.m == nil {
		c.m = map[string]*textpos.Index{}
	}
	c.m[path] = x
	return x
}

// KeepLines starts p's line indexes with prev's of the files both
// snapshots share unchanged (the same File, or the same bytes where the
// snapshots say which files changed): the language server makes a
// project per keystroke, and numpy-hpy's findings cite hundreds of files
// whose indexes took 4 ms to build again each time.
func (p *Project) KeepLines(prev *Project) {
	if prev == nil || prev == p {
		return
	}
	prev.lines.mu.Lock()
	defer prev.lines.mu.Unlock()
	c := &p.lines
	c.mu.Lock()
	defer c.mu.Unlock()
	if changed, ok := p.Snapshot.ChangedFrom(prev.Snapshot); ok && c.m == nil {
		// Only the files changed hold other bytes: every other index is
		// the file's, and copying the map beats asking the snapshot for
		// each of 2,000 files on every key.
		c.m = maps.Clone(prev.lines.m)
		for _, path := range changed {
			delete(c.m, path)
		}
		return
	}
	linesWalked.Add(1)
	if c.m == nil {
		c.m = make(map[string]*textpos.Index, len(prev.lines.m))
	}
	for path, x := range prev.lines.m {
		if f := prev.Snapshot.File(path); f != nil && p.Snapshot.File(path) == f {
			c.m[path] = x
		}
	}
}

// linesWalked counts the KeepLines that compared file by file, for a
// test.
var linesWalked atomic.Int64

// ProvideLines starts p's line indexes with those given, by path, that
// were made of the bytes the snapshot has there.
func (p *Project) ProvideLines(given map[string]*textpos.Index) {
	if len(given) == 0 {
		return
	}
	c := &p.lines
	c.mu.Lock()
	defer c.mu.Unlock()
	for path, x := range given {
		f := p.Snapshot.File(path)
		if x == nil || f == nil || !x.Of(f.Content) {
			continue
		}
		if c.m == nil {
			c.m = map[string]*textpos.Index{}
		}
		c.m[path] = x
	}
}
