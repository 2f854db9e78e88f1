package model

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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

// CallGraph is one extension's functions, init roots and sites. A
// function's calls and sites are read when first asked for: the rules only
// walk what the roots reach, a small part of a large extension, and the
// language server builds the graph again on every keystroke.
type CallGraph struct {
	// Ext is nil for an HPy source no build config claims, which is taken
	// as an extension of its own named by its HPy_MODINIT.
	Ext *Extension
	// Module is the extension's full dotted name.
	Module string
	ABI    buildcfg.ABI
	Roots  []*Root
	b      *graphBuilder
}

// Func is a function definition of the extension.
type Func struct {
	Unit  *Unit
	Def   *cfacts.Function
	index int // in Unit.Facts.Functions
	b     *graphBuilder

	body  sync.Once
	calls []CallEdge
	sites []Site
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

// Calls are the function's calls to functions of the graph, resolved.
func (f *Func) Calls() []CallEdge {
	f.readBody()
	return f.calls
}

// Sites are the import, thread and wait sites in the function's body, in
// file order.
func (f *Func) Sites() []Site {
	f.readBody()
	return f.sites
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

// callGraphs caches the graphs of a project: named once, each built on
// first use.
type callGraphs struct {
	once  sync.Once
	specs []*GraphSpec
	// named is specs once named, for the project after (KeepGraphTables).
	named atomic.Pointer[[]*GraphSpec]
}

// GraphSpec is a call graph named before it is built: a rule that kept
// an extension's findings from the run before need not build its graph.
type GraphSpec struct {
	// Ext is the extension, nil for an HPy source no build config claims.
	Ext *Extension
	// Unit is that source, when Ext is nil.
	Unit *Unit
	// Module is the extension's full dotted name.
	Module string

	p       *Project
	abi     buildcfg.ABI
	sources []*Unit
	once    sync.Once
	g       *CallGraph
	built   atomic.Pointer[CallGraph] // g once built, for the project after
}

// Graph builds the graph, once.
func (s *GraphSpec) Graph() *CallGraph {
	s.once.Do(func() {
		s.g = s.p.buildCallGraph(s.Ext, s.Module, s.abi, s.sources)
		s.built.Store(s.g)
	})
	return s.g
}

// CallGraphSpecs names the call graph of every HPy extension (and of every
// HPy source no build config claims), once per project.
func (p *Project) CallGraphSpecs() []*GraphSpec {
	p.callGraphs.once.Do(func() {
		p.callGraphs.specs = p.graphSpecs()
		p.callGraphs.named.Store(&p.callGraphs.specs)
	})
	return p.callGraphs.specs
}

// CallGraphs returns the call graph of every HPy extension (and of every
// HPy source no build config claims), each built once per project.
func (p *Project) CallGraphs() []*CallGraph {
	specs := p.CallGraphSpecs()
	out := make([]*CallGraph, len(specs))
	for i, s := range specs {
		out[i] = s.Graph()
	}
	return out
}

func (p *Project) graphSpecs() []*GraphSpec {
	var out []*GraphSpec
	for _, e := range p.Extensions {
		if e.HPy && len(e.Units) > 0 {
			out = append(out, &GraphSpec{Ext: e, Module: e.Name, p: p, abi: e.ABI.ABI, sources: e.Units})
		}
	}
	for _, u := range p.Units {
		if len(u.Extensions) > 0 || u.Facts == nil || p.Snapshot.Excluded(u.Path) {
			continue
		}
		if m := u.Facts.Modinits(); len(m) > 0 && m[0].Arg(0).Text != "" {
			out = append(out, &GraphSpec{Unit: u, Module: m[0].Arg(0).Text, p: p, abi: p.DefaultABI, sources: []*Unit{u}})
		}
	}
	return out
}

// graphBuilder holds what resolving names needs, for as long as the graph
// lives: functions are made and their bodies read as the rules get there.
type graphBuilder struct {
	g       *CallGraph
	files   []*Unit           // sources, then the headers they include
	headers map[*Unit][]*Unit // a source's project headers

	mu    sync.Mutex
	funcs map[*Unit][]*Func // by index in the unit's Functions, made on first use

	names  sync.Once
	static map[*Unit]map[string][]int // compiled static functions by name
	extern map[string][]fileFunc      // compiled other functions by name
	// externMade is extern once made, for the graph of the next project
	// (callgraph_kept.go).
	externMade atomic.Pointer[map[string][]fileFunc]

	// For calls that reach files outside the graph's own (resolveElsewhere).
	p         *Project
	filesOnce sync.Once
	own       map[*Unit]bool
	reached   map[*Unit]bool // files resolveElsewhere read a function of, under mu

	resolved answers[callAnswerKey, []*Func]
	// withStatics are the project headers of a source that define static
	// functions, by source, made when first asked (headersWithStatics).
	withStatics sync.Map
}

type funcRef struct {
	u *Unit
	i int
}

func (p *Project) buildCallGraph(e *Extension, module string, abi buildcfg.ABI, sources []*Unit) *CallGraph {
	b := &graphBuilder{
		p:       p,
		g:       &CallGraph{Ext: e, Module: module, ABI: abi},
		headers: map[*Unit][]*Unit{},
		funcs:   map[*Unit][]*Func{},
	}
	b.g.b = b
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
	b.g.Roots = b.findRoots()
	return b.g
}

// Files are the paths of the files whose facts the graph has read so far,
// sorted: its sources, their headers, and the files outside them whose
// functions calls were resolved to (resolveElsewhere). Walking more of
// the graph may add to them.
func (g *CallGraph) Files() []string {
	b := g.b
	seen := make(map[string]bool, len(b.files))
	for _, u := range b.files {
		seen[u.Path] = true
	}
	b.mu.Lock()
	for u := range b.reached {
		seen[u.Path] = true
	}
	b.mu.Unlock()
	return slices.Sorted(maps.Keys(seen))
}

// Funcs lists every compiled function of the graph's files, in file order.
func (g *CallGraph) Funcs() []*Func {
	var out []*Func
	for _, u := range g.b.files {
		for i := range u.Facts.Functions {
			if f := g.b.compiledFunc(u, i); f != nil {
				out = append(out, f)
			}
		}
	}
	return out
}

// compiled reports whether code at off of u survives the preprocessor for
// the graph's ABI, as far as #ifdef HPY_ABI_* regions tell.
func (b *graphBuilder) compiled(u *Unit, off int) bool {
	return compiledFor(u.Facts, b.g.ABI, off)
}

// compiledFunc is the i-th function of u, or nil when the preprocessor
// drops it for the graph's ABI.
func (b *graphBuilder) compiledFunc(u *Unit, i int) *Func {
	if !b.compiled(u, u.Facts.Functions[i].Span.Start) {
		return nil
	}
	return b.funcOf(u, i)
}

// funcOf is the Func of the i-th function of u, the same one every time.
func (b *graphBuilder) funcOf(u *Unit, i int) *Func {
	b.mu.Lock()
	defer b.mu.Unlock()
	fns := b.funcs[u]
	if fns == nil {
		fns = make([]*Func, len(u.Facts.Functions))
		b.funcs[u] = fns
	}
	if fns[i] == nil {
		fns[i] = &Func{Unit: u, Def: &u.Facts.Functions[i], index: i, b: b}
	}
	return fns[i]
}

// indexNames builds the by-name tables resolve looks in, from each
// file's index (callgraph_names.go).
func (b *graphBuilder) indexNames() {
	b.static = make(map[*Unit]map[string][]int, len(b.files))
	b.extern = b.keptExterns()
	made := b.extern == nil
	if made {
		b.extern = map[string][]fileFunc{}
	}
	for k, u := range b.files {
		n := namesOf(u.Facts, b.g.ABI)
		if n.statics != nil {
			b.static[u] = n.statics
		}
		if made {
			for _, f := range n.externs {
				b.extern[f.key] = append(b.extern[f.key], fileFunc{k, f.i})
			}
		}
	}
	b.externMade.Store(&b.extern)
}

// fileFunc is a function by its file's index in the graph's files and its
// own in the file's Functions.
type fileFunc struct{ file, i int }

// readBody resolves the function's calls and reads its sites, once.
func (f *Func) readBody() {
	f.body.Do(func() {
		b, u, facts := f.b, f.Unit, f.Unit.Facts
		f.gil = gilMarks(facts, f.Def)
		calls, body := facts.Calls, f.Def.Body
		for i := inBody(calls, body, func(c cfacts.Call) int { return c.Span.Start }); i < len(calls) && calls[i].Span.Start < body.End; i++ {
			c := &calls[i]
			if c.Caller != f.index || !b.compiled(u, c.Span.Start) {
				continue
			}
			for _, to := range b.resolve(u, c.Name) {
				f.calls = append(f.calls, CallEdge{From: f, Call: c, To: to, GILReleased: gilReleasedAt(f.gil, c.Span.Start)})
			}
		}
		f.sites = readSites(f, func(off int) bool { return b.compiled(u, off) })
	})
}

// resolve finds the functions a call by name can reach from file u: a
// static function of u, else one of the project headers u includes, else
// any non-static function of the extension.
func (b *graphBuilder) resolve(u *Unit, name string) []*Func {
	b.names.Do(b.indexNames)
	key := lastComponent(name)
	return b.resolved.of(callAnswerKey{u, key}, func() []*Func { return b.resolveAnew(u, key) })
}

// resolveAnew is resolve of the name key, not remembered.
func (b *graphBuilder) resolveAnew(u *Unit, key string) []*Func {
	statics := b.static[u]
	if !b.inFiles(u) {
		statics = b.staticsOf(u) // a file reached through resolveElsewhere
	}
	if is := statics[key]; len(is) > 0 {
		out := make([]*Func, len(is))
		for k, i := range is {
			out[k] = b.funcOf(u, i)
		}
		return out
	}
	var fromHeaders []*Func
	for _, h := range b.headersWithStatics(u) {
		for _, i := range b.static[h][key] {
			fromHeaders = append(fromHeaders, b.funcOf(h, i))
		}
	}
	if len(fromHeaders) > 0 {
		return fromHeaders
	}
	var out []*Func
	for _, r := range b.extern[key] {
		out = append(out, b.funcOf(b.files[r.file], r.i))
	}
	if len(out) == 0 {
		return b.resolveElsewhere(key)
	}
	return out
}

// lastComponent strips a C++ qualification: ns::helper is found as helper.
func lastComponent(name string) string {
	// Most names are C's: one byte search, far cheaper than the search
	// for two bytes, rules them out.
	if strings.IndexByte(name, ':') < 0 {
		return name
	}
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[i+2:]
	}
	return name
}
