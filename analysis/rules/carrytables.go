package rules

import "github.com/hpyproject/hpylint/analysis/cfacts"

// carryTables are the entries a carry keeps across runs, handed from each
// run to the next rather than copied, with indexes from each file to the
// entries that read it: a key drops what it made stale by the files it
// changed, where copying the tables and scanning every entry cost a fifth
// of a key in a workspace of 2,000 files. Every write goes through the
// methods here, which keep the indexes exact; the carry's mu guards all.
type carryTables struct {
	headers map[string]headersEntry
	chains  map[string]chainsEntry
	cpython map[string]bool
	numpy   map[string]bool
	refs    map[refsKey]refsEntry
	uses    map[refsKey][]numpyAPIUse
	blocks  map[refsKey]blocksEntry
	feats   map[refsKey][]legacyFeature

	// headersBy and chainsBy index the sources' entries by each file
	// they read: a header entry's closure, a chain entry's files read.
	headersBy, chainsBy map[string]map[string]struct{}
	// keysFrom and keysOf index the keys of refs, uses and blocks by the
	// source that compiles the file and by the file's facts.
	keysFrom map[string]map[refsKey]struct{}
	keysOf   map[*cfacts.Facts]map[refsKey]struct{}
	// universal is the run before's list of universal files
	// (universal_kept.go).
	universal *universalMemo
}

func newCarryTables() *carryTables {
	t := &carryTables{
		headers: map[string]headersEntry{}, chains: map[string]chainsEntry{},
		cpython: map[string]bool{}, numpy: map[string]bool{},
		headersBy: map[string]map[string]struct{}{}, chainsBy: map[string]map[string]struct{}{},
	}
	t.forgetKeyed()
	return t
}

// forgetKeyed empties the tables keyed by a file's facts and its source.
func (t *carryTables) forgetKeyed() {
	t.refs, t.uses, t.blocks = map[refsKey]refsEntry{}, map[refsKey][]numpyAPIUse{}, map[refsKey]blocksEntry{}
	t.feats = map[refsKey][]legacyFeature{}
	t.keysFrom, t.keysOf = map[string]map[refsKey]struct{}{}, map[*cfacts.Facts]map[refsKey]struct{}{}
}

func (t *carryTables) putHeaders(src string, e headersEntry) {
	putReading(t.headers, t.headersBy, src, e, func(e headersEntry) []string { return e.closure })
}

func (t *carryTables) dropHeaders(src string) {
	dropReadingOf(t.headers, t.headersBy, src, func(e headersEntry) []string { return e.closure })
}

func (t *carryTables) putChains(src string, e chainsEntry) {
	putReading(t.chains, t.chainsBy, src, e, func(e chainsEntry) []string { return e.read })
}

func (t *carryTables) dropChains(src string) {
	dropReadingOf(t.chains, t.chainsBy, src, func(e chainsEntry) []string { return e.read })
}

// putReading puts a source's entry, which read files, in m, indexed in
// by under each of them, in place of the one it had.
func putReading[E any](m map[string]E, by map[string]map[string]struct{}, src string, e E, files func(E) []string) {
	dropReadingOf(m, by, src, files)
	m[src] = e
	for _, path := range files(e) {
		link(by, path, src)
	}
}

// dropReadingOf drops a source's entry from m and its links from by.
func dropReadingOf[E any](m map[string]E, by map[string]map[string]struct{}, src string, files func(E) []string) {
	if e, ok := m[src]; ok {
		for _, path := range files(e) {
			unlink(by, path, src)
		}
		delete(m, src)
	}
}

// dropReading drops the header and chain entries that read path.
func (t *carryTables) dropReading(path string) {
	for src := range t.headersBy[path] {
		t.dropHeaders(src)
	}
	for src := range t.chainsBy[path] {
		t.dropChains(src)
	}
}

func (t *carryTables) putRefs(k refsKey, e refsEntry) { t.refs[k] = e; t.index(k) }

func (t *carryTables) putUses(k refsKey, uses []numpyAPIUse) { t.uses[k] = uses; t.index(k) }

func (t *carryTables) putBlocks(k refsKey, e blocksEntry) { t.blocks[k] = e; t.index(k) }

func (t *carryTables) putFeats(k refsKey, fs []legacyFeature) { t.feats[k] = fs; t.index(k) }

func (t *carryTables) index(k refsKey) {
	link(t.keysFrom, k.from, k)
	link(t.keysOf, k.facts, k)
}

// dropKeyed drops the entries of the file with facts dead and of the
// files compiled by the source at from.
func (t *carryTables) dropKeyed(from string, dead *cfacts.Facts) {
	for k := range t.keysFrom[from] {
		t.dropKey(k)
	}
	for k := range t.keysOf[dead] {
		t.dropKey(k)
	}
}

func (t *carryTables) dropKey(k refsKey) {
	delete(t.refs, k)
	delete(t.uses, k)
	delete(t.blocks, k)
	delete(t.feats, k)
	unlink(t.keysFrom, k.from, k)
	unlink(t.keysOf, k.facts, k)
}

func (t *carryTables) size() int {
	return len(t.headers) + len(t.chains) + len(t.refs) + len(t.uses) + len(t.blocks) + len(t.feats)
}

// link and unlink keep an index of sets: by[at] holds v.
func link[A, V comparable](by map[A]map[V]struct{}, at A, v V) {
	set := by[at]
	if set == nil {
		set = map[V]struct{}{}
		by[at] = set
	}
	set[v] = struct{}{}
}

func unlink[A, V comparable](by map[A]map[V]struct{}, at A, v V) {
	if set := by[at]; set != nil {
		delete(set, v)
		if len(set) == 0 {
			delete(by, at)
		}
	}
}
