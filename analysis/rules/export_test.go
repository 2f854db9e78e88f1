package rules

import (
	"fmt"
	"slices"
)

// SetCarryHook lets a test see (and spoil) each carry made from a
// previous one; nil removes it.
func SetCarryHook(h func(*Carry)) { carryHook = h }

// SpoilReferences empties every list of CPython references the carry
// kept, as a carry that failed to notice a change would keep them.
func (c *Carry) SpoilReferences() {
	for k, e := range c.t.refs {
		e.refs = nil
		c.t.refs[k] = e
	}
}

// SpoilNumPyUses empties every list of NumPy C API uses the carry kept.
func (c *Carry) SpoilNumPyUses() {
	for k := range c.t.uses {
		c.t.uses[k] = nil
	}
}

// SpoilScopes drops the last finding of every kept part of a rule's
// work, as a carry that missed a change would keep a stale one.
func (c *Carry) SpoilScopes() {
	c.spoilKeptScopes(func(e *scopedEntry) {
		if len(e.found) > 0 {
			e.found = e.found[:len(e.found)-1]
		}
	})
}

// spoilKeptScopes applies spoil to every part of a rule's work the run
// before kept.
func (c *Carry) spoilKeptScopes(spoil func(*scopedEntry)) {
	for _, t := range c.scopes.prev {
		for _, m := range []map[string]scopedEntry{t.base, t.over} {
			for k, e := range m {
				spoil(&e)
				m[k] = e
			}
		}
	}
}

// SpoilBlockers drops the last place of every list HPY209 kept for a file.
func (c *Carry) SpoilBlockers() {
	for k, e := range c.t.blocks {
		if len(e.blockers) > 0 {
			e.blockers = e.blockers[:len(e.blockers)-1]
			c.t.blocks[k] = e
		}
	}
}

// SpoilSites drops the last site of every call graph's sites an
// import-lock rule kept.
func (c *Carry) SpoilSites() {
	c.spoilKeptScopes(func(e *scopedEntry) {
		if len(e.sites) > 0 {
			e.sites = e.sites[:len(e.sites)-1]
		}
	})
}

// CheckIndexes reports an entry of the carry's tables that its indexes
// miss, or an index link to no entry: with exact indexes, dropping by
// them drops what a scan of every entry would.
func (c *Carry) CheckIndexes() error {
	t := c.t
	if t == nil {
		return nil // taken by the run after
	}
	headers, allHeaders := pathLists(t.headers, func(e headersEntry) []string { return e.closure })
	if err := checkPathIndex("headers", t.headersBy, headers, allHeaders); err != nil {
		return err
	}
	chains, allChains := pathLists(t.chains, func(e chainsEntry) []string { return e.read })
	if err := checkPathIndex("chains", t.chainsBy, chains, allChains); err != nil {
		return err
	}
	keys := map[refsKey]bool{}
	for k := range t.refs {
		keys[k] = true
	}
	for k := range t.uses {
		keys[k] = true
	}
	for k := range t.blocks {
		keys[k] = true
	}
	linked := 0
	for from, set := range t.keysFrom {
		for k := range set {
			if k.from != from || !keys[k] {
				return fmt.Errorf("keysFrom[%s] holds %v, which is no entry of its", from, k)
			}
			if _, ok := t.keysOf[k.facts][k]; !ok {
				return fmt.Errorf("%v is indexed by its source and not by its facts", k)
			}
			linked++
		}
	}
	if linked != len(keys) {
		return fmt.Errorf("%d keyed entries, %d indexed", len(keys), linked)
	}
	return nil
}

// pathLists reads the paths each entry of m lists, by source and all of
// them, as checkPathIndex asks.
func pathLists[E any](m map[string]E, paths func(E) []string) (func(string) ([]string, bool), func(func(string, []string) bool)) {
	one := func(src string) ([]string, bool) {
		e, ok := m[src]
		return paths(e), ok
	}
	all := func(yield func(string, []string) bool) {
		for src, e := range m {
			if !yield(src, paths(e)) {
				return
			}
		}
	}
	return one, all
}

func checkPathIndex(what string, by map[string]map[string]struct{}, read func(src string) ([]string, bool), all func(yield func(string, []string) bool)) error {
	links := 0
	for path, set := range by {
		for src := range set {
			files, ok := read(src)
			if !ok || !slices.Contains(files, path) {
				return fmt.Errorf("%s: %s is indexed under %s, which it does not read", what, src, path)
			}
			links++
		}
	}
	want := 0
	for src, files := range all {
		for _, path := range files {
			if _, ok := by[path][src]; !ok {
				return fmt.Errorf("%s: %s reads %s and is not indexed under it", what, src, path)
			}
		}
		want += len(slices.Compact(slices.Sorted(slices.Values(files))))
	}
	if links != want {
		return fmt.Errorf("%s: %d links, want %d", what, links, want)
	}
	return nil
}

// HeaderListsMade is how many lists of a source's universal headers the
// carries made since the process started.
func HeaderListsMade() int64 { return headerListsMade.Load() }

// TablesCompared is how many times the legacy tables of two runs were
// compared since the process started.
func TablesCompared() int64 { return tablesCompared.Load() }

// InputsLookedUp is how many kept parts of rules' work had their inputs
// looked up file by file (scopemask.go).
func InputsLookedUp() int64 { return inputsLookedUp.Load() }

// HPyCodeListed is how many runs listed every HPy code file to find the
// unfinished ones.
func HPyCodeListed() int64 { return hpyCodeListed.Load() }

// PyInitWalks is how many runs of HPY206 walked the sources and their
// headers.
func PyInitWalks() int64 { return pyInitWalks.Load() }

// EntrypointFindingsMade is how many HPY105 findings were made rather
// than kept from the run before.
func EntrypointFindingsMade() int64 { return entrypointFindingsMade.Load() }

// LegacyFeaturesRead is how many files had their uses of HPy's legacy
// features read rather than kept.
func LegacyFeaturesRead() int64 { return legacyFeaturesRead.Load() }

// EntrypointInputsRead is how many HPY105 parts listed the files they
// read.
func EntrypointInputsRead() int64 { return entrypointInputsRead.Load() }

// UniversalWalks is how many lists of universal files were worked out
// rather than kept since the process started.
func UniversalWalks() int64 { return universalWalks.Load() }
