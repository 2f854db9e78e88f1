package rules

import (
	"slices"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/model"
)

// A key that runs the rules walked every universal source's headers to
// list the universal files again (universalFilesOf): a millisecond of a
// key at 2,000 files, half of one in numpy-hpy, for a list a key in a
// source nearly never changes. The list is made from each source's
// closure (Carry.universalHeaders) and, for each file of those, whether
// it has facts and is not the generated shim; when the carry kept the run
// before's tables, every file has facts or not as then and the sources
// are the same (NewCarry), so the list is the run before's while every
// closure is, and each changed file is in the list or out of it as then.

// universalMemo is universalFilesOf's answer, by index in the project's
// units (the same files in the same order while the carry keeps its
// tables), with what it was worked out from.
type universalMemo struct {
	files [][2]int // each reached file and its source
	// closures are the universal sources' closures, source first, as
	// their headers entries held them, in the sources' order.
	closures [][]string
	// listed tells, for each file of a closure, whether the list has it
	// (false: it has no facts, or is the generated shim).
	listed map[string]bool
}

// universalWalks counts the lists universalFilesOf worked out, for a test.
var universalWalks atomic.Int64

// keptUniversalFiles is the run before's list of universal files, when it
// still holds for sources.
func (c *Carry) keptUniversalFiles(sources []*model.Unit) ([]reached, bool) {
	c.mu.Lock()
	m := c.t.universal
	c.mu.Unlock()
	if m == nil || len(m.closures) != len(sources) {
		return nil, false
	}
	for i, u := range sources {
		// Made again where NewCarry dropped it: a changed file is on its way.
		closure, _, _ := c.universalClosure(u)
		if !sameList(closure, m.closures[i]) && !slices.Equal(closure, m.closures[i]) {
			return nil, false
		}
	}
	for path := range c.changed {
		was, read := m.listed[path]
		if !read {
			continue // in no closure, as before
		}
		if u := c.project.Unit(path); u == nil || (u.Facts != nil && !generatedShim(u)) != was {
			return nil, false
		}
	}
	units := c.project.Units
	out := make([]reached, len(m.files))
	for i, f := range m.files {
		out[i] = reached{file: units[f[0]], from: units[f[1]]}
	}
	return out, true
}

// keepUniversalFiles records list, worked out from sources, for the next
// run.
func (c *Carry) keepUniversalFiles(sources []*model.Unit, list []reached) {
	index := make(map[*model.Unit]int, len(c.project.Units))
	for i, u := range c.project.Units {
		index[u] = i
	}
	m := &universalMemo{files: make([][2]int, len(list)), closures: make([][]string, len(sources)), listed: map[string]bool{}}
	for i, r := range list {
		m.files[i] = [2]int{index[r.file], index[r.from]}
		m.listed[r.file.Path] = true
	}
	for i, u := range sources {
		m.closures[i], _, _ = c.universalClosure(u)
		for _, path := range m.closures[i] {
			if !m.listed[path] {
				m.listed[path] = false
			}
		}
	}
	c.mu.Lock()
	c.t.universal = m
	c.mu.Unlock()
}
