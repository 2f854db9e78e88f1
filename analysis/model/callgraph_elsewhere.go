package model

import (
	"slices"
	"sort"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/defindex"
)

// A call the extension's own files do not resolve may reach a function of
// another file of the project: one no build config lists (its source lists
// are built in ways hpylint does not follow), or one no rule parsed
// because it mentions no HPy. The call graph follows it there when exactly
// one non-static definition of that name exists: the linker would find
// it, and two would make the path a guess.

// elsewhere holds the files parsed on demand those lookups read (the
// table of the parsed files is the project's, graphTables).
type elsewhere struct {
	mu     sync.Mutex
	shadow map[string]*Unit // files parsed on demand, as units of no extension
}

// resolveElsewhere finds the one non-static definition of name outside
// the graph's files, or nil.
func (b *graphBuilder) resolveElsewhere(name string) []*Func {
	p := b.p
	if p == nil {
		return nil
	}
	var outside []funcRef
	for _, f := range p.elsewhereTable()[name] {
		if u := p.Unit(f.path); u != nil && u.Path == f.path && !b.inFiles(u) {
			outside = append(outside, funcRef{u, f.i})
		}
	}
	if len(outside) == 0 {
		x := p.OnDemand()
		items := x.FindAllItems(name, func(f defindex.Parsed) bool { return uniqueExtern(f, name) >= 0 })
		for k, item := range items {
			if k > 0 && item.File != items[0].File {
				return nil // defined in two files: which one is linked is not known
			}
		}
		if len(items) > 0 {
			if f, ok := x.WholeFile(items[0]); ok {
				if i := uniqueExtern(f, name); i >= 0 {
					outside = append(outside, funcRef{p.shadowUnit(f), i})
				}
			}
		}
	}
	if len(outside) != 1 {
		return nil
	}
	b.mu.Lock()
	if b.reached == nil {
		b.reached = map[*Unit]bool{}
	}
	b.reached[outside[0].u] = true
	b.mu.Unlock()
	if !b.compiled(outside[0].u, outside[0].u.Facts.Functions[outside[0].i].Span.Start) {
		return nil
	}
	return []*Func{b.funcOf(outside[0].u, outside[0].i)}
}

// uniqueExtern is the index of the one non-static function named name in
// a file, -1 when there is none or more than one.
func uniqueExtern(f defindex.Parsed, name string) int {
	at := -1
	if f.Facts == nil {
		return -1
	}
	for i := range f.Facts.Functions {
		if def := &f.Facts.Functions[i]; !def.Static && lastComponent(def.Name) == name {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// shadowUnit is the unit of a file parsed on demand: the same one for
// every graph, never among the project's Units, so no rule reports on the
// file for its own sake.
func (p *Project) shadowUnit(f defindex.Parsed) *Unit {
	p.elsewhere.mu.Lock()
	defer p.elsewhere.mu.Unlock()
	if p.elsewhere.shadow == nil {
		p.elsewhere.shadow = map[string]*Unit{}
	}
	u := p.elsewhere.shadow[f.Path]
	if u == nil {
		u = &Unit{Path: f.Path, File: f.File, Facts: f.Facts}
		p.elsewhere.shadow[f.Path] = u
	}
	return u
}

// inFiles reports whether u is one of the graph's own files.
func (b *graphBuilder) inFiles(u *Unit) bool {
	b.filesOnce.Do(func() {
		b.own = map[*Unit]bool{}
		for _, f := range b.files {
			b.own[f] = true
		}
	})
	return b.own[u]
}

// staticsOf are the static functions of a file outside the graph's own,
// reached through resolveElsewhere, so its calls to its own helpers
// resolve: its index, which its facts remember (namesOf).
func (b *graphBuilder) staticsOf(u *Unit) map[string][]int {
	return namesOf(u.Facts, b.g.ABI).statics
}

// ShadowUnits are the files the call graph reached through
// resolveElsewhere, in path order: findings can lie in them, and so can
// the suppressions that silence those findings.
func (p *Project) ShadowUnits() []*Unit {
	p.elsewhere.mu.Lock()
	defer p.elsewhere.mu.Unlock()
	out := make([]*Unit, 0, len(p.elsewhere.shadow))
	for _, u := range p.elsewhere.shadow {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// ExternFunctions are the names, as calls find them, of the non-static
// functions f defines, sorted, repeats kept: where a call no graph's own
// files resolve goes (resolveElsewhere) depends on no more of a file. Two
// versions of a file with the same list leave every such call where it
// went (rules.Carry).
func ExternFunctions(f *cfacts.Facts) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, e := range externsOf(f) {
		out = append(out, e.key)
	}
	slices.Sort(out)
	return out
}
