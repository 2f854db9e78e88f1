package model

import (
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The call graph of each HPy extension across its translation units, for
// the rules on what runs while the extension is being imported (HPY3xx).
// Calls are resolved by name as the linker would: a static function within
// its file (or a project header the file includes), any other across the
// extension's files. Calls through function pointers or C++ methods are not
// followed.

// CallGraph is one extension's functions, init roots and sites.
type CallGraph struct {
	// Ext is nil for an HPy source no build config claims, which is taken
	// as an extension of its own named by its HPy_MODINIT.
	Ext *Extension
	// Module is the extension's full dotted name.
	Module string
	ABI    buildcfg.ABI
	Funcs  []*Func
	Roots  []*Root
}

// Func is a function definition of the extension, with its resolved calls
// and the import, thread and wait sites in its body.
type Func struct {
	Unit  *Unit
	Def   *cfacts.Function
	Calls []CallEdge
	Sites []Site
	// gil are the places where the function releases or takes back the
	// GIL, in file order.
	gil []gilMark
}

// Name is the function's name as defined.
func (f *Func) Name() string { return f.Def.Name }

// Location is the function's name at its definition.
func (f *Func) Location() source.Location {
	return source.Location{Path: f.Unit.Path, Span: f.Def.NameSpan}
}

// CallEdge is a call from one function of the graph to another.
type CallEdge struct {
	From *Func
	Call *cfacts.Call
	To   *Func
	// GILReleased is set when the caller has released the GIL at the call.
	GILReleased bool
}

// Location is the call's place in the caller's file.
func (e CallEdge) Location() source.Location {
	return source.Location{Path: e.From.Unit.Path, Span: e.Call.Span}
}

// callGraphs caches the graphs of a project: built on first use, once.
type callGraphs struct {
	once   sync.Once
	graphs []*CallGraph
}

// CallGraphs returns the call graph of every HPy extension (and of every
// HPy source no build config claims), built once per project.
func (p *Project) CallGraphs() []*CallGraph {
	p.callGraphs.once.Do(func() { p.callGraphs.graphs = p.buildCallGraphs() })
	return p.callGraphs.graphs
}

func (p *Project) buildCallGraphs() []*CallGraph {
	var out []*CallGraph
	for _, e := range p.Extensions {
		if e.HPy && len(e.Units) > 0 {
			out = append(out, p.buildCallGraph(e, e.Name, e.ABI.ABI, e.Units))
		}
	}
	for _, u := range p.Units {
		if len(u.Extensions) > 0 || u.Facts == nil || p.Snapshot.Excluded(u.Path) {
			continue
		}
		if m := u.Facts.MacroCalls("HPy_MODINIT"); len(m) > 0 && m[0].Arg(0).Text != "" {
			out = append(out, p.buildCallGraph(nil, m[0].Arg(0).Text, p.DefaultABI, []*Unit{u}))
		}
	}
	return out
}

// graphBuilder holds what resolving names needs while a graph is built.
type graphBuilder struct {
	g       *CallGraph
	files   []*Unit           // sources, then the headers they include
	headers map[*Unit][]*Unit // a source's project headers
	funcs   map[*Unit][]*Func // by index in the unit's Functions; nil when not compiled
	static  map[*Unit]map[string][]*Func
	extern  map[string][]*Func
}

func (p *Project) buildCallGraph(e *Extension, module string, abi buildcfg.ABI, sources []*Unit) *CallGraph {
	b := &graphBuilder{
		g:       &CallGraph{Ext: e, Module: module, ABI: abi},
		headers: map[*Unit][]*Unit{},
		funcs:   map[*Unit][]*Func{},
		static:  map[*Unit]map[string][]*Func{},
		extern:  map[string][]*Func{},
	}
	seen := map[*Unit]bool{}
	add := func(u *Unit) {
		if u.Facts != nil && !seen[u] {
			seen[u] = true
			b.files = append(b.files, u)
		}
	}
	for _, u := range sources {
		add(u)
	}
	for _, u := range sources {
		if u.Facts == nil {
			continue
		}
		b.headers[u] = p.Headers(u)
		for _, h := range b.headers[u] {
			add(h)
		}
	}
	for _, u := range b.files {
		b.addFuncs(u)
	}
	for _, u := range b.files {
		b.addCalls(u)
	}
	b.g.Roots = b.findRoots()
	return b.g
}

// compiled reports whether code at off of u survives the preprocessor for
// the graph's ABI, as far as #ifdef HPY_ABI_* regions tell.
func (b *graphBuilder) compiled(u *Unit, off int) bool {
	return u.Facts.Compiled(off, func(macro string) (bool, bool) {
		abi := buildcfg.ParseABI(macro)
		if abi == buildcfg.ABIUnknown || b.g.ABI == buildcfg.ABIUnknown {
			return false, false
		}
		return abi == b.g.ABI, true
	})
}

func (b *graphBuilder) addFuncs(u *Unit) {
	fns := make([]*Func, len(u.Facts.Functions))
	for i := range u.Facts.Functions {
		def := &u.Facts.Functions[i]
		if !b.compiled(u, def.Span.Start) {
			continue
		}
		f := &Func{Unit: u, Def: def}
		fns[i] = f
		b.g.Funcs = append(b.g.Funcs, f)
		key := lastComponent(def.Name)
		if def.Static {
			if b.static[u] == nil {
				b.static[u] = map[string][]*Func{}
			}
			b.static[u][key] = append(b.static[u][key], f)
		} else {
			b.extern[key] = append(b.extern[key], f)
		}
	}
	b.funcs[u] = fns
}

// addCalls resolves the calls of u's functions and reads their sites.
func (b *graphBuilder) addCalls(u *Unit) {
	fns := b.funcs[u]
	for _, f := range fns {
		if f != nil {
			f.gil = gilMarks(u.Facts, f.Def)
		}
	}
	for i := range u.Facts.Calls {
		c := &u.Facts.Calls[i]
		if c.Caller < 0 || fns[c.Caller] == nil || !b.compiled(u, c.Span.Start) {
			continue
		}
		from := fns[c.Caller]
		for _, to := range b.resolve(u, c.Name) {
			from.Calls = append(from.Calls, CallEdge{From: from, Call: c, To: to, GILReleased: gilReleasedAt(from.gil, c.Span.Start)})
		}
	}
	readSites(u, fns, func(off int) bool { return b.compiled(u, off) })
}

// resolve finds the functions a call by name can reach from file u: a
// static function of u, else one of the project headers u includes, else
// any non-static function of the extension.
func (b *graphBuilder) resolve(u *Unit, name string) []*Func {
	key := lastComponent(name)
	if fs := b.static[u][key]; len(fs) > 0 {
		return fs
	}
	var fromHeaders []*Func
	for _, h := range b.headers[u] {
		fromHeaders = append(fromHeaders, b.static[h][key]...)
	}
	if len(fromHeaders) > 0 {
		return fromHeaders
	}
	return b.extern[key]
}

// lastComponent strips a C++ qualification: ns::helper is found as helper.
func lastComponent(name string) string {
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[i+2:]
	}
	return name
}
