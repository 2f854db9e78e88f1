package model

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// The language server makes a project on every key that changes facts,
// and builds again the call graph of the extension typed into. Two tables
// that graph reads by name were made anew each time, though a key rarely
// changes what they hold: the project's non-static functions
// (resolveElsewhere) and the graph's own (indexNames), a fifth of the
// graph's cost in numpy-hpy. Each holds a function by its file's place
// (a path, an index in the graph's files), so the next project takes it
// as it is while every file changed since defines the same functions, in
// the same places, and the files are the same.

// graphTables is what a project takes its tables from: the project
// before, with the paths whose content changed since.
type graphTables struct {
	prev    atomic.Pointer[Project]
	changed []string
	// elsewhere is the table of non-static functions resolveElsewhere
	// reads, once made or taken (made: then, for the project after).
	elsewhereOnce sync.Once
	elsewhere     map[string][]placedFunc
	made          atomic.Pointer[map[string][]placedFunc]
}

// placedFunc is a function by its file's path and its index in the
// file's Functions.
type placedFunc struct {
	path string
	i    int
}

// KeepGraphTables lets p's call graphs take the tables of functions by
// name that prev's made, where they still hold. Call it once facts are
// final (after Resolve). p keeps prev, as KeepHeaders does, and prev lets
// go of the project before it: a table prev has not made by then, prev
// makes anew.
func (p *Project) KeepGraphTables(prev *Project) {
	if prev == nil || prev == p || !slices.Equal(prev.Configs, p.Configs) || !p.Snapshot.SamePaths(prev.Snapshot) {
		return
	}
	changed, ok := p.Snapshot.ChangedFrom(prev.Snapshot)
	if !ok {
		return
	}
	prev.graphTables.prev.Store(nil)
	p.graphTables.changed = changed
	p.graphTables.prev.Store(prev)
}

// elsewhereTable is the non-static functions of every parsed file, by the
// name a call finds them under: prev's when it holds, else made.
func (p *Project) elsewhereTable() map[string][]placedFunc {
	t := &p.graphTables
	t.elsewhereOnce.Do(func() {
		if prev := t.prev.Load(); prev != nil && len(prev.Units) == len(p.Units) {
			if kept := prev.graphTables.made.Load(); kept != nil && p.sameExterns(prev, t.changed, func(u *Unit) []namedFunc { return externsOf(u.Facts) }) {
				t.elsewhere = *kept
				elsewhereKept.Add(1)
			}
		}
		if t.elsewhere == nil {
			t.elsewhere = p.makeElsewhere()
		}
		t.made.Store(&t.elsewhere)
	})
	return t.elsewhere
}

func (p *Project) makeElsewhere() map[string][]placedFunc {
	m := map[string][]placedFunc{}
	for _, u := range p.Units {
		if u.Facts == nil || p.Snapshot.Excluded(u.Path) {
			continue
		}
		for _, f := range externsOf(u.Facts) {
			m[f.key] = append(m[f.key], placedFunc{u.Path, f.i})
		}
	}
	return m
}

// sameExterns reports whether every path in changed is, in p and in
// prev, a unit with facts or not one, of the same kind, and with the same
// functions by externs.
func (p *Project) sameExterns(prev *Project, changed []string, externs func(*Unit) []namedFunc) bool {
	for _, path := range changed {
		now, was := p.Unit(path), prev.Unit(path)
		if (now == nil) != (was == nil) {
			return false
		}
		if now == nil {
			continue
		}
		if (now.Facts == nil) != (was.Facts == nil) || now.Path != was.Path || p.Snapshot.Excluded(path) != prev.Snapshot.Excluded(path) {
			return false
		}
		if now.Facts != nil && !slices.Equal(externs(now), externs(was)) {
			return false
		}
	}
	return true
}

// externsOf are the non-static functions of f, compiled or not, by the
// name a call finds them under, in file order.
func externsOf(f *cfacts.Facts) []namedFunc {
	var out []namedFunc
	for i := range f.Functions {
		if def := &f.Functions[i]; !def.Static {
			out = append(out, namedFunc{lastComponent(def.Name), i})
		}
	}
	return out
}

// elsewhereKept counts the tables taken from the project before, for a
// test.
var elsewhereKept atomic.Int64

// keptExterns is the table of compiled non-static functions by name that
// the project before made for a graph of the same files, when every file
// changed since defines the same ones at the same places; nil otherwise.
func (b *graphBuilder) keptExterns() map[string][]fileFunc {
	p := b.p
	if p == nil {
		return nil
	}
	prev := p.graphTables.prev.Load()
	if prev == nil {
		return nil
	}
	old := prev.builtGraphOf(b.g.Module, b.g.ABI, b.files)
	if old == nil {
		return nil
	}
	kept := old.b.externMade.Load()
	if kept == nil {
		return nil
	}
	inGraph := make(map[string]bool, len(b.files))
	for _, u := range b.files {
		inGraph[u.Path] = true
	}
	var changed []string
	for _, path := range p.graphTables.changed {
		if inGraph[path] {
			changed = append(changed, path)
		}
	}
	if !p.sameExterns(prev, changed, func(u *Unit) []namedFunc { return namesOf(u.Facts, b.g.ABI).externs }) {
		return nil
	}
	externsKept.Add(1)
	return *kept
}

// builtGraphOf is p's call graph of module built for abi over files of the
// same paths, in the same order, when one was built.
func (p *Project) builtGraphOf(module string, abi buildcfg.ABI, files []*Unit) *CallGraph {
	specs := p.callGraphs.named.Load()
	if specs == nil {
		return nil
	}
	for _, s := range *specs {
		if s.Module != module || s.abi != abi {
			continue
		}
		g := s.built.Load()
		if g == nil || len(g.b.files) != len(files) {
			continue
		}
		if slices.EqualFunc(g.b.files, files, func(a, b *Unit) bool { return a.Path == b.Path }) {
			return g
		}
	}
	return nil
}

// externsKept counts the graphs' tables taken from the project before,
// for a test.
var externsKept atomic.Int64
