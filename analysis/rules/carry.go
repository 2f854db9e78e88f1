package rules

import (
	"cmp"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/suppress"
)

// Carry holds what the universal-ABI rules work out file by file, for the
// next run to keep what an edit cannot have changed. The language server
// runs the rules on every keystroke that changes a fact; in numpy-hpy the
// CPython references of 600 files, their headers and thousands of names
// were worked out again each time, for an edit in one file.
//
// Each kind of entry is kept only while what it reads is provably as it
// was (NewCarry, lookups):
//   - a source's universal headers, and the chains of includes by which it
//     reaches CPython's headers, while no file whose includes were followed
//     changed: those files' includes and #if regions and the source's own
//     defines decide them;
//   - whether a name is CPython's, while no changed file changed the set of
//     names it defines (model.Project.NamesDefinedBy), and else asked again
//     for the names that set gained or lost;
//   - whether a name is NumPy's C API, the same way;
//   - the CPython references of a file compiled by a source, and the
//     places HPY209 counts in it, while neither changed, no name has
//     another answer, and the legacy tables found in the file are the
//     same; its NumPy C API uses and its uses of HPy's legacy features,
//     while neither changed and no name has another answer.
//
// Anything else (configs, the files of the snapshot, any file's ABI) that
// differs makes a fresh carry. A file's build is worked out again only
// when the builds that decide it (the extensions' ABIs) differ or the file
// changed; what a file's facts say alone (a comment to hpylint, a function
// only NumPy defines) is kept for as long as they are its facts. Findings
// of parts of a rule's work are kept by scope (scoped.go).
type Carry struct {
	project *model.Project
	units   map[string]carriedUnit // the files the entries were worked out on
	changed map[string]bool        // files whose facts differ from the previous run's
	configs []*buildcfg.File
	assumed assumedABI // the ABI the project assumes where nothing pins one
	builds  []build    // each extension's

	mu sync.Mutex
	t  *carryTables // nil once the next run took them

	// The carries the tables passed through (handoff.go), and, under its
	// mu, whether the run that used this one settled.
	line    *carryLine
	settled bool

	tablesOnce sync.Once
	tables     legacyTables

	numpyOnce   sync.Once
	numpyItself bool

	universalOnce sync.Once
	universal     []reached // universalFiles, once per run
	// universalListed: this run listed the universal files, so that the
	// list it kept for the next run is of its files (universal_kept.go).
	universalListed bool

	hpyExtOnce sync.Once
	hpyExt     []*model.Extension // hpyExtensions, once per run

	universalSrcOnce sync.Once
	universalSrc     []*model.Unit // universalSources, once per run

	unfinishedOnce sync.Once
	unfinished     []*model.Unit // UnfinishedHPyCode, once per run

	pyInitOnce sync.Once
	pyInit     bool // anyPyInit, once per run

	abiTexts map[*model.Extension]string // describeABI's, by extension, once per run (under mu)
	free     sync.Map                    // pythonFree's answers, by unit, once per run
	heads    sync.Map                    // universalHeaders' lists, by unit, once per run

	// Set under mu once worked out, for the next run to compare with.
	tablesDone, numpyDone bool

	scopes scopedState

	// definedBy holds, by facts, the names each changed file defines
	// (model.Project.NamesDefinedBy), for the next run, to which they are
	// the names the file defined: a key in a file compares the two sets,
	// and numpy-hpy's open file defines thousands. Written by NewCarry only.
	definedBy map[*cfacts.Facts]definedNames

	kept int // entries kept from the run before
}

// carryHook, set by tests only, sees each carry NewCarry made from a
// previous one: a test makes kept entries stale, to show its comparison
// with a fresh run catches them.
var carryHook func(*Carry)

// Kept is how many lists of headers, include chains, references, NumPy
// uses and HPY209's places NewCarry kept from the run before (ScopesKept counts the
// rules' findings kept as the rules ran).
func (c *Carry) Kept() int { return c.kept }

type carriedUnit struct {
	file  *source.File
	facts *cfacts.Facts
	abi   abiSig
}

// abiSig is what the rules read of a file's build: whether it is an HPy
// source, its ABI, and whether its build defines HPY.
type abiSig struct {
	hpySource        bool
	abi              buildcfg.ABI
	dynamic          bool
	hpyDef, hpyKnown bool
}

func abiOf(p *model.Project, u *model.Unit) abiSig {
	d := unitABI(p, u)
	def, known := p.HPYDefined(u)
	return abiSig{hpySource: isHPySource(u), abi: d.ABI, dynamic: d.Dynamic, hpyDef: def, hpyKnown: known}
}

// What decides the builds of files: the ABI the project assumes where
// nothing pins one, and each extension's (whether it is HPy, and its ABI).
type assumedABI struct {
	def, stated buildcfg.ABI
	from        string
}

type build struct {
	hpy bool
	abi model.ABIDecision
}

func buildsOf(p *model.Project) []build {
	out := make([]build, 0, len(p.Extensions))
	for _, e := range p.Extensions {
		out = append(out, build{hpy: e.HPy, abi: e.ABI})
	}
	return out
}

func sameBuild(a, b build) bool {
	x, y := a.abi, b.abi
	if (x.Evidence == nil) != (y.Evidence == nil) || x.Evidence != nil && *x.Evidence != *y.Evidence {
		return false
	}
	x.Evidence, y.Evidence = nil, nil
	return a.hpy == b.hpy && x == y
}

type headersEntry struct {
	closure []string // the source and its headers, in universalHeaders' order
}

type chainsEntry struct {
	chains []includeChain
	read   []string // the files whose includes were followed
	// pythonFree: what was read shows no Python header included
	// (Carry.pythonFree).
	pythonFree bool
}

// refsKey names what is worked out of a file compiled by a source: the
// file's facts, the source, and whether the source's build includes no
// Python header (Carry.pythonFree), which decides the file's
// `#if defined(PY_VERSION_HEX)` regions.
type refsKey struct {
	facts      *cfacts.Facts
	from       string
	pythonFree bool
}

func (c *Carry) refsKeyOf(f, from *model.Unit) refsKey {
	return refsKey{f.Facts, from.Path, c.pythonFree(from)}
}

// blocksEntry is what HPY209 counts in a file compiled by a source, with
// what it was worked out with beyond the two files' facts.
type blocksEntry struct {
	blockers    []blocker
	tables      []source.Span // the legacy tables in the file
	numpyItself bool
}

type refsEntry struct {
	refs   []cfacts.Ref
	tables []source.Span // the legacy tables in the file the refs skipped
}

// NewCarry starts the carry of a run over p. prev is the carry of the run
// before, nil for none; the caller vouches that the runs had the same
// settings and that only C and C++ files changed between them. What of
// prev still holds for p is kept.
func NewCarry(p *model.Project, prev *Carry) *Carry {
	c := &Carry{project: p, changed: map[string]bool{}, configs: p.Configs, abiTexts: map[*model.Extension]string{}}
	prev = claim(prev, c)
	c.scopes.now = map[string]scopeTable{}
	c.assumed = assumedABI{p.DefaultABI, p.StatedABI, p.StatedABIFrom}
	c.builds = buildsOf(p)
	// A file's build is worked out again only where it may differ: the
	// same configs deciding the same extensions' ABIs give an unchanged
	// file the build it had.
	sameBuilds := prev != nil && slices.Equal(prev.configs, c.configs) && prev.assumed == c.assumed && slices.EqualFunc(prev.builds, c.builds, sameBuild)
	changedWas, same := c.takeUnits(p, prev, sameBuilds)
	if !same {
		// Nothing is kept, and the tables stay where they were, for a run
		// made later from the same result: a run cancelled while it
		// parsed has files without facts, and would otherwise leave the
		// run after it nothing to keep.
		unclaim(prev, c)
		c.t = newCarryTables()
		return c
	}
	var oldNames, newNames []map[string]bool
	externsSame := true
	for path, was := range changedWas {
		now := c.units[path]
		c.changed[path] = true
		c.scopes.changedMask |= pathBit(path)
		oldNames = append(oldNames, prev.definedByOr(p, was))
		newNames = append(newNames, c.keepDefinedBy(p, now))
		externsSame = externsSame && slices.Equal(model.ExternFunctions(was.facts), model.ExternFunctions(now.facts))
	}
	namesSame := true
	for i := range oldNames {
		namesSame = namesSame && maps.Equal(oldNames[i], newNames[i])
	}
	prev.scopes.mu.Lock()
	c.scopes.prev, c.scopes.namesSame, c.scopes.externsSame = prev.scopes.now, namesSame, externsSame
	prev.scopes.mu.Unlock()
	prev.mu.Lock()
	defer prev.mu.Unlock()
	c.scopes.prevTables, c.scopes.prevTablesKnown = prev.tables, prev.tablesDone
	c.scopes.prevNumPyItself, c.scopes.prevNumPyKnown = prev.numpyItself, prev.numpyDone
	// The tables of the run before are this run's, less what no longer
	// holds, found through their indexes by the changed files alone.
	t := prev.t
	c.t, prev.t = t, nil
	if !prev.universalListed {
		// The list kept is of a run before that one: the files changed
		// since are more than this run's.
		t.universal = nil
	}
	// Every name a kept list was worked out with was asked (cpythonRefsOf
	// and numpyAPIUsesOf ask of each name they keep or leave out) and has
	// its answer here. A name a changed file now defines, or no longer
	// does, may have another answer: asked again, once, and if one is
	// another, no list is kept.
	var names []string
	seen := map[string]bool{}
	for i := range oldNames {
		for _, n := range namesChanged(oldNames[i], newNames[i]) {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	namesKept := keepAnswers(t.cpython, names, p, isCPythonAPIOf)
	namesKept = keepAnswers(t.numpy, names, p, isNumPyAPIOf) && namesKept
	for path := range c.changed {
		t.dropReading(path)
	}
	if namesKept {
		// The project has the files of the run before, each with facts or
		// without as then (takeUnits), and an entry is made only for a
		// source with facts: an entry's facts are no file's only when they
		// were a changed file's.
		for path, was := range changedWas {
			t.dropKeyed(path, was.facts)
		}
	} else {
		t.forgetKeyed()
	}
	c.kept = t.size()
	if carryHook != nil {
		carryHook(c)
	}
	return c
}

// takeUnits sets c's units, the files of p as the rules read them, and
// reports whether the project is the same as prev's: prev's files,
// configs and builds, every file with facts as before or with facts
// still, and every file without facts unchanged (the index DefinesName
// reads the rest through). Then c's units are prev's, taken and updated
// where they changed, and changedWas holds, by path, what prev had of the
// files whose facts changed: a map of every file was made anew on every
// key. prev's units are left as they were when the project is not the
// same. A file's build is worked out again only where it may differ: the
// same configs deciding the same extensions' ABIs (sameBuilds) give an
// unchanged file the build it had.
func (c *Carry) takeUnits(p *model.Project, prev *Carry, sameBuilds bool) (changedWas map[string]carriedUnit, same bool) {
	if prev != nil && prev.t != nil && len(prev.units) == len(p.Units) && slices.Equal(prev.configs, c.configs) {
		type update struct {
			path string
			now  carriedUnit
		}
		var updates []update
		changedWas, same = map[string]carriedUnit{}, true
		for _, u := range p.Units {
			was, ok := prev.units[u.Path]
			now := was
			if !ok || !sameBuilds || was.file != u.File || was.facts != u.Facts {
				now = carriedUnit{file: u.File, facts: u.Facts, abi: abiOf(p, u)}
			}
			if !ok || was.abi != now.abi || (was.facts == nil) != (now.facts == nil) || now.facts == nil && was.file != now.file {
				same = false
				break
			}
			if was.facts != now.facts {
				changedWas[u.Path] = was
			}
			if now != was {
				updates = append(updates, update{u.Path, now})
			}
		}
		if same {
			for _, up := range updates {
				prev.units[up.path] = up.now
			}
			c.units, prev.units = prev.units, nil
			return changedWas, true
		}
	}
	c.units = make(map[string]carriedUnit, len(p.Units))
	for _, u := range p.Units {
		c.units[u.Path] = carriedUnit{file: u.File, facts: u.Facts, abi: abiOf(p, u)}
	}
	return nil, false
}

// definedNames are the names a file's facts define, and the file.
type definedNames struct {
	file  *source.File
	names map[string]bool
}

// definedByOr is p.NamesDefinedBy of a file: the set c's NewCarry made
// when it found the file changed, or made now.
func (c *Carry) definedByOr(p *model.Project, u carriedUnit) map[string]bool {
	if d, ok := c.definedBy[u.facts]; ok && d.file == u.file {
		return d.names
	}
	return p.NamesDefinedBy(u.file, u.facts)
}

// keepDefinedBy is p.NamesDefinedBy of a changed file, kept in c for the
// next run.
func (c *Carry) keepDefinedBy(p *model.Project, u carriedUnit) map[string]bool {
	names := p.NamesDefinedBy(u.file, u.facts)
	if c.definedBy == nil {
		c.definedBy = map[*cfacts.Facts]definedNames{}
	}
	c.definedBy[u.facts] = definedNames{file: u.file, names: names}
	return names
}

// keepAnswers asks again of each name in names (each once) that answers
// has an answer for, into answers; it reports whether each has the answer
// it had.
func keepAnswers(answers map[string]bool, names []string, p *model.Project, ask func(*model.Project, string) bool) bool {
	same := true
	for _, name := range names {
		if was, asked := answers[name]; asked {
			now := ask(p, name)
			answers[name] = now
			same = same && now == was
		}
	}
	return same
}

// namesChanged are the names in one set and not the other.
func namesChanged(a, b map[string]bool) []string {
	var out []string
	for n := range a {
		if !b[n] {
			out = append(out, n)
		}
	}
	for n := range b {
		if !a[n] {
			out = append(out, n)
		}
	}
	return out
}

// carry is the pass's carry, or one of its own for a pass made without.
func (p *Pass) carry() *Carry {
	if p.Carry == nil {
		p.Carry = NewCarry(p.Project, nil)
	}
	return p.Carry
}

// universalHeaders is universalHeadersOf(p, u), kept across runs. The
// list is shared: callers must not change it.
func (c *Carry) universalHeaders(u *model.Unit) []*model.Unit {
	// Three passes of HPY209 ask it of every source of an extension typed
	// into: made once a run, not looked up header by header each time
	// (numpy-hpy's sources reach a hundred headers each).
	if hs, ok := c.heads.Load(u); ok {
		return hs.([]*model.Unit)
	}
	hs := c.keptUniversalHeaders(u)
	c.heads.Store(u, hs)
	return hs
}

// headerListsMade counts the lists keptUniversalHeaders made, for a test.
var headerListsMade atomic.Int64

func (c *Carry) keptUniversalHeaders(u *model.Unit) []*model.Unit {
	headerListsMade.Add(1)
	closure, hs, made := c.universalClosure(u)
	if made {
		return hs
	}
	out := make([]*model.Unit, 0, len(closure)-1)
	for _, path := range closure[1:] {
		out = append(out, c.project.Unit(path))
	}
	return out
}

// universalClosure is u's entry of universal headers: its closure, u
// first, as the run before kept it, or worked out now and kept, and then
// made is set and hs are the headers.
func (c *Carry) universalClosure(u *model.Unit) (closure []string, hs []*model.Unit, made bool) {
	c.mu.Lock()
	e, ok := c.t.headers[u.Path]
	c.mu.Unlock()
	if ok {
		return e.closure, nil, false
	}
	hs = universalHeadersOf(c.project, u)
	closure = make([]string, 0, len(hs)+1)
	closure = append(closure, u.Path)
	for _, h := range hs {
		closure = append(closure, h.Path)
	}
	c.mu.Lock()
	c.t.putHeaders(u.Path, headersEntry{closure: closure})
	c.mu.Unlock()
	return closure, hs, true
}

// pythonHChains is pythonHChainsOf(p, u), kept across runs: the chains'
// places are in the files read, and while none of those changed, nor
// their ABI (NewCarry), the includes followed are the same.
func (c *Carry) pythonHChains(u *model.Unit) []includeChain {
	return c.chainsOf(u).chains
}

// pythonFree reports whether a universal build of the source u surely
// includes no Python header, so that the macros only those define
// (cpyapi.IsPythonHeaderMacro) are undefined there. It is known from the
// walk that finds u's chains, and kept with them.
func (c *Carry) pythonFree(u *model.Unit) bool {
	// Asked for every file a source compiles, by every rule that reads
	// the file's references: answered from the run's own memo, without
	// the lock and the lookup by path that the chains take.
	if v, ok := c.free.Load(u); ok {
		return v.(bool)
	}
	free := c.chainsOf(u).pythonFree
	c.free.Store(u, free)
	return free
}

func (c *Carry) chainsOf(u *model.Unit) chainsEntry {
	c.mu.Lock()
	e, ok := c.t.chains[u.Path]
	c.mu.Unlock()
	if ok {
		return e
	}
	e = pythonHChainsOf(c.project, u)
	c.mu.Lock()
	c.t.putChains(u.Path, e)
	c.mu.Unlock()
	return e
}

// SpeaksToHPylint reports whether a comment of f says something to
// hpylint, kept for as long as f is a file's facts.
func (c *Carry) SpeaksToHPylint(f *cfacts.Facts) bool {
	if f == nil {
		return false
	}
	return f.Trait(speaksToHPylint, func() bool {
		return slices.ContainsFunc(f.Comments, func(cm source.Comment) bool { return suppress.SpeaksToHPylint(cm.Text) })
	})
}

// isCPythonAPI is isCPythonAPIOf(p, name), kept across runs.
func (c *Carry) isCPythonAPI(name string) bool {
	return remembered(&c.mu, c.t.cpython, name, func() bool { return isCPythonAPIOf(c.project, name) })
}

// legacyTables is findLegacyTables(pass), once per run.
func (c *Carry) legacyTables(pass *Pass) legacyTables {
	c.tablesOnce.Do(func() {
		t := findLegacyTables(pass)
		c.mu.Lock()
		c.tables, c.tablesDone = t, true
		c.mu.Unlock()
	})
	return c.tables
}

// cpythonRefs is cpythonRefsOf(pass, f, from, tables), kept across runs.
func (c *Carry) cpythonRefs(pass *Pass, f, from *model.Unit, tables legacyTables) []cfacts.Ref {
	key := c.refsKeyOf(f, from)
	c.mu.Lock()
	e, ok := c.t.refs[key]
	c.mu.Unlock()
	if ok && slices.Equal(e.tables, tables[f.Path]) {
		return e.refs
	}
	refs := cpythonRefsOf(pass, f, from, tables)
	c.mu.Lock()
	c.t.putRefs(key, refsEntry{refs: refs, tables: tables[f.Path]})
	c.mu.Unlock()
	return refs
}

// isNumPyAPI is isNumPyAPIOf(p, name), kept across runs.
func (c *Carry) isNumPyAPI(name string) bool {
	return remembered(&c.mu, c.t.numpy, name, func() bool { return isNumPyAPIOf(c.project, name) })
}

// implementsNumPyAPI is implementsNumPyAPIWith(p, definesNumPyCoreOf), once per run: HPY209
// asks it for every extension.
func (c *Carry) implementsNumPyAPI() bool {
	c.numpyOnce.Do(func() {
		v := implementsNumPyAPIWith(c.project, c.definesNumPyCore)
		c.mu.Lock()
		c.numpyItself, c.numpyDone = v, true
		c.mu.Unlock()
	})
	return c.numpyItself
}

// legacyFeatures is legacyFeaturesOf(pass, from, f's facts), kept across
// runs while neither file changed: HPY203 asks it of every universal file
// on every key.
func (c *Carry) legacyFeatures(pass *Pass, f, from *model.Unit) []legacyFeature {
	return keptByFile(c, c.t.feats, c.t.putFeats, f, from, func() []legacyFeature { return legacyFeaturesOf(pass, from, f.Facts) })
}

// numpyAPIUses is numpyAPIUsesOf(pass, f, from), kept across runs.
func (c *Carry) numpyAPIUses(pass *Pass, f, from *model.Unit) []numpyAPIUse {
	return keptByFile(c, c.t.uses, c.t.putUses, f, from, func() []numpyAPIUse { return numpyAPIUsesOf(pass, f, from) })
}

// keptByFile is what m holds for the file f compiled by the source from,
// else what ask says, put in m (and its indexes) by put; the lock guards
// m.
func keptByFile[V any](c *Carry, m map[refsKey]V, put func(refsKey, V), f, from *model.Unit, ask func() V) V {
	key := c.refsKeyOf(f, from)
	c.mu.Lock()
	v, ok := m[key]
	c.mu.Unlock()
	if !ok {
		v = ask()
		c.mu.Lock()
		put(key, v)
		c.mu.Unlock()
	}
	return v
}

// definesNumPyCore is definesNumPyCoreOf(f), kept for as long as f is a
// file's facts.
func (c *Carry) definesNumPyCore(f *cfacts.Facts) bool {
	return f.Trait(definesNumPyCore, func() bool { return definesNumPyCoreOf(f) })
}

// remembered is m[k], asked and kept in m when missing; mu guards m.
func remembered[K comparable, V any](mu *sync.Mutex, m map[K]V, k K, ask func() V) V {
	mu.Lock()
	v, ok := m[k]
	mu.Unlock()
	if !ok {
		v = ask()
		mu.Lock()
		m[k] = v
		mu.Unlock()
	}
	return v
}

// fileBlockers is find() (fileBlockersOf f compiled by from) in place
// order, those at one place in the order found, kept across runs as the
// references and NumPy uses it lists are, while the project is NumPy or
// not as before; the suppressions it leaves out are in f's comments, part
// of its facts. Sorted once, when found: mergeBlockers puts the kept
// lists together on every key.
func (c *Carry) fileBlockers(pass *Pass, f, from *model.Unit, tables legacyTables, find func() []blocker) []blocker {
	key := c.refsKeyOf(f, from)
	numpyItself := c.implementsNumPyAPI()
	c.mu.Lock()
	e, ok := c.t.blocks[key]
	c.mu.Unlock()
	if ok && e.numpyItself == numpyItself && slices.Equal(e.tables, tables[f.Path]) {
		return e.blockers
	}
	bs := find()
	slices.SortStableFunc(bs, func(x, y blocker) int { return cmp.Compare(x.Location.Span.Start, y.Location.Span.Start) })
	c.mu.Lock()
	c.t.putBlocks(key, blocksEntry{blockers: bs, tables: tables[f.Path], numpyItself: numpyItself})
	c.mu.Unlock()
	return bs
}
