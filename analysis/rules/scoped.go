package rules

import (
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Findings of one part of a rule's work (an extension, a module
// definition), kept from one run to the next while what that part reads
// is as it was. In a workspace of hundreds of extensions, a keystroke in
// one source changes the findings of the extensions that compile it;
// working out every other extension's again made a keystroke cost grow
// with the workspace.

// reads names what, beyond the facts of its inputs and the builds
// (configs, sources, ABIs: NewCarry starts afresh when any differs), a
// scope's findings depend on.
type reads uint8

const (
	// readsNames: whether names are CPython's or NumPy's, which a
	// definition anywhere in the project decides.
	readsNames reads = 1 << iota
	// readsTables: the legacy tables HPY203 reports (findLegacyTables),
	// which any universal file's legacy field decides.
	readsTables
	// readsNumPyItself: whether the project is NumPy (implementsNumPyAPI).
	readsNumPyItself
	// readsExterns: which files define a non-static function of a name,
	// where a call graph looks for what its own files do not define.
	readsExterns
)

type scopedEntry struct {
	inputs []string // the files whose facts the findings were worked out from
	mask   uint64   // their summary (scopemask.go)
	reads  reads
	found  []diag.Diagnostic
	sites  []initSite // an import-lock rule's, for one call graph
	// refs and stamp are what keptRefFindings checks: the carry's list of
	// references the findings were made from, and the texts beside them.
	refs  []cfacts.Ref
	stamp string
	// shadowed: the graph reached a file no rule parsed, so its sites are
	// never kept (scopedSites).
	shadowed bool
}

// scopedState is the carry's part for scopes: the entries of the run
// before, to be checked when asked for, and this run's.
type scopedState struct {
	// prev is the run before's now, read without the lock: that run is
	// over (only a finished run's carry is carried), so nothing writes it.
	prev map[string]scopeTable
	mu   sync.Mutex // guards now and kept, which passes add to (Finish)
	// now holds each rule's parts by scope, by rule code: a pass hands
	// its rule's over whole.
	now  map[string]scopeTable
	kept int

	// namesSame: no changed file gained or lost a definition.
	namesSame bool
	// externsSame: no changed file gained or lost a non-static function.
	externsSame bool
	// changedMask summarises the changed files (scopemask.go).
	changedMask uint64

	graphsOnce sync.Once
	graphs     map[*model.GraphSpec]string // graphScope's names

	// The run before's answers that readsTables and readsNumPyItself
	// compare with this run's; known only when it worked them out.
	prevTables      legacyTables
	prevTablesKnown bool
	// tablesSame is tablesAsBefore's answer, worked out once.
	tablesSameOnce                  sync.Once
	tablesSame                      bool
	prevNumPyItself, prevNumPyKnown bool
}

// scoped emits the findings of one part of the pass's rule, named scope
// (unique within the rule), which find works out from the facts of the
// files inputs names and the project-wide answers in r. When the run
// before found them, none of the files it read changed since, and the
// answers in r are the same, its findings are emitted instead.
//
// inputs is asked only when that part cannot be kept. Which files a part
// reads follows from the facts of the files it read (their includes and
// #if regions) and from the configs, the files of the snapshot and the
// builds, which are the run before's whenever anything is kept
// (NewCarry): while none of the files it read changed, it reads the same
// files. Working the lists out for every part on every key cost more
// than the rest of a kept part in a workspace of 400 extensions.
func (p *Pass) scoped(scope string, inputs func() []string, r reads, find func()) {
	c := p.carry()
	e, ok := p.previousScope(scope)
	if ok && e.reads == r && c.inputsKept(p, e, r) {
		p.keepPrevious(scope, e)
		return
	}
	read := inputs()
	p.keepScope(scope, scopedEntry{inputs: read, mask: pathsMask(read), reads: r, found: p.emitted(len(e.found), find)}, false)
}

// keepPrevious emits the findings of a part the run before worked out,
// and keeps its entry for the next run.
func (p *Pass) keepPrevious(scope string, e scopedEntry) {
	for _, d := range e.found {
		p.Emit(d)
	}
	p.keepScope(scope, e, true)
}

// emitted runs find and returns the findings it emitted, which are
// emitted all the same, in a list sized for about as many (a part's count
// in the run before, a finding per reference): the part of the file typed
// into, in a port of numpy-hpy's size, has a thousand findings.
func (p *Pass) emitted(about int, find func()) []diag.Diagnostic {
	found := make([]diag.Diagnostic, 0, about)
	emit := p.Emit
	p.Emit = func(d diag.Diagnostic) { found = append(found, d); emit(d) }
	defer func() { p.Emit = emit }()
	find()
	return found
}

// keptRefFindings emits the findings made from refs, a file's references
// as the carry keeps them (Carry.cpythonRefs), with find, or the run
// before's: while the carry hands out the same list, and the texts the
// messages quote beside the references (stamp) are the same, the
// findings are too. A half-ported extension built universal has a
// finding for each of its thousands of references, and making each
// message again on every key cost 2.6 µs a finding.
func (p *Pass) keptRefFindings(scope string, refs []cfacts.Ref, stamp string, find func()) {
	e, ok := p.previousScope(scope)
	if ok && e.stamp == stamp && sameList(e.refs, refs) {
		p.keepPrevious(scope, e)
		return
	}
	p.keepScope(scope, scopedEntry{refs: refs, stamp: stamp, found: p.emitted(len(refs), find)}, false)
}

// sameList reports whether a and b are one list: the same elements in
// the same storage.
func sameList[E any](a, b []E) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// previousScope is the part of the pass's rule named scope that the run
// before kept.
func (p *Pass) previousScope(scope string) (scopedEntry, bool) {
	return p.previousScopes().get(scope)
}

// previousScopes are the parts of the pass's rule the run before kept,
// looked up once a pass.
func (p *Pass) previousScopes() scopeTable {
	r := &p.parts
	if !r.prevOK {
		r.prev, r.prevOK = p.carry().scopes.prev[p.Rule.Code], true
	}
	return r.prev
}

// keepScope records a part of the pass's work for the next run; kept
// says it was the run before's.
func (p *Pass) keepScope(scope string, e scopedEntry, kept bool) {
	p.previousScopes()
	p.parts.visit(scope, e, kept)
}

// Finish hands the carry what the pass's rule worked out for the next
// run; the engine calls it once the rule is done.
func (p *Pass) Finish() {
	r := &p.parts
	t, ok := r.table()
	kept := len(r.kept)
	p.parts = partsRecord{}
	if !ok || p.Carry == nil {
		return
	}
	s := &p.Carry.scopes
	s.mu.Lock()
	defer s.mu.Unlock()
	if had, ok := s.now[p.Rule.Code]; ok {
		// A second pass of the rule (tests): the tables are merged in a
		// copy, since a table handed over is never written.
		m := had.flat()
		maps.Copy(m, t.flat())
		t = tableOf(m)
	}
	s.now[p.Rule.Code] = t
	s.kept += kept
}

// inputsKept reports whether findings worked out in the run before from
// the inputs of e, with the answers r names, still hold.
func (c *Carry) inputsKept(p *Pass, e scopedEntry, r reads) bool {
	s := &c.scopes
	if c.mayHaveRead(e.mask) && slices.ContainsFunc(e.inputs, func(path string) bool { return c.changed[path] }) {
		return false
	}
	if r&readsNames != 0 && !s.namesSame {
		return false
	}
	if r&readsExterns != 0 && !s.externsSame {
		return false
	}
	if r&readsTables != 0 && !c.tablesAsBefore(p) {
		return false
	}
	if r&readsNumPyItself != 0 && (!s.prevNumPyKnown || s.prevNumPyItself != c.implementsNumPyAPI()) {
		return false
	}
	return true
}

// tablesAsBefore reports whether the legacy tables are the run before's,
// compared once a run: every part that reads them asks, and comparing
// the whole tables for each of a workspace's extensions grew with the
// square of the workspace.
func (c *Carry) tablesAsBefore(p *Pass) bool {
	s := &c.scopes
	s.tablesSameOnce.Do(func() {
		s.tablesSame = s.prevTablesKnown && sameTables(s.prevTables, c.legacyTables(p))
	})
	return s.tablesSame
}

// tablesCompared counts sameTables's comparisons, for a test.
var tablesCompared atomic.Int64

func sameTables(a, b legacyTables) bool {
	tablesCompared.Add(1)
	return maps.EqualFunc(a, b, func(x, y []source.Span) bool { return slices.Equal(x, y) })
}

// ScopesKept is how many parts of rules' work the run kept from the one
// before.
func (c *Carry) ScopesKept() int {
	c.scopes.mu.Lock()
	defer c.scopes.mu.Unlock()
	return c.scopes.kept
}

// extensionScope names an extension's part of a rule's work: its
// declaration, which no other extension shares.
func extensionScope(e *model.Extension) string {
	return e.Config.Path + ":" + strconv.Itoa(e.Decl.Decl.Start) + ":" + e.Name
}

// sourcePaths are the paths of e's sources.
func sourcePaths(e *model.Extension) []string {
	out := make([]string, len(e.Units))
	for i, u := range e.Units {
		out[i] = u.Path
	}
	return out
}

// blockerInputs are the files whose facts extensionBlockers reads for e:
// its sources, the headers each reaches in a universal build and the
// files whose includes lead each to CPython's headers, sorted.
func (c *Carry) blockerInputs(e *model.Extension) []string {
	seen := map[string]bool{}
	for _, u := range e.Units {
		seen[u.Path] = true
		if !isHPySource(u) {
			continue
		}
		for _, h := range c.universalHeaders(u) {
			seen[h.Path] = true
		}
		c.pythonHChains(u)
		c.mu.Lock()
		for _, path := range c.t.chains[u.Path].read {
			seen[path] = true
		}
		c.mu.Unlock()
	}
	return slices.Sorted(maps.Keys(seen))
}

// scopedSites are the sites an import-lock rule finds in spec's graph
// with find, or the run before's: a graph reads the facts of its own
// files and of those its calls were resolved into, and, for the calls
// they do not resolve, which files define a non-static function of a
// name. While neither changed, its sites are as they were, and the graph
// is not built. A graph that reached a file no rule parsed (a shadow
// unit) is worked out again: suppressions there are read only when the
// graph registers the file.
func (p *Pass) scopedSites(spec *model.GraphSpec, find func(*model.CallGraph) []initSite) []initSite {
	c := p.carry()
	scope := c.graphScope(spec)
	e, ok := p.previousScope(scope)
	if ok && !e.shadowed && e.reads == readsExterns && c.inputsKept(p, e, readsExterns) {
		p.keepScope(scope, e, true)
		return e.sites
	}
	g := spec.Graph()
	sites := find(g)
	// Read after the walk: the files the walk resolved calls into are in.
	// Whether a file was parsed is asked once, when the sites are found:
	// a run keeps nothing unless every file was parsed, or not, as in the
	// run before (NewCarry).
	files := g.Files()
	p.keepScope(scope, scopedEntry{inputs: files, mask: pathsMask(files), reads: readsExterns, sites: sites, shadowed: !allParsed(p.Project, files)}, false)
	return sites
}

// graphScope names a call graph's part of a rule's work; the names are
// made once per run, for the five import-lock rules.
func (c *Carry) graphScope(spec *model.GraphSpec) string {
	c.scopes.graphsOnce.Do(func() {
		specs := c.project.CallGraphSpecs()
		c.scopes.graphs = make(map[*model.GraphSpec]string, len(specs))
		for _, s := range specs {
			name := "source:" + s.Module
			if s.Ext != nil {
				name = extensionScope(s.Ext)
			} else if s.Unit != nil {
				name = "source:" + s.Unit.Path + ":" + s.Module
			}
			c.scopes.graphs[s] = name
		}
	})
	return c.scopes.graphs[spec]
}

// allParsed reports whether every path is a unit of the project that the
// run parsed: a file no rule parsed is read on demand, as a shadow unit
// only the graph that reaches it registers.
func allParsed(p *model.Project, paths []string) bool {
	for _, path := range paths {
		if u := p.Unit(path); u == nil || u.Facts == nil {
			return false
		}
	}
	return true
}
