package rules

// SetCarryHook lets a test see (and spoil) each carry made from a
// previous one; nil removes it.
func SetCarryHook(h func(*Carry)) { carryHook = h }

// SpoilReferences empties every list of CPython references the carry
// kept, as a carry that failed to notice a change would keep them.
func (c *Carry) SpoilReferences() {
	for k, e := range c.refs {
		e.refs = nil
		c.refs[k] = e
	}
}

// SpoilNumPyUses empties every list of NumPy C API uses the carry kept.
func (c *Carry) SpoilNumPyUses() {
	for k := range c.uses {
		c.uses[k] = nil
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
	for _, m := range c.scopes.prev {
		for k, e := range m {
			spoil(&e)
			m[k] = e
		}
	}
}

// SpoilBlockers drops the last place of every list HPY209 kept for a file.
func (c *Carry) SpoilBlockers() {
	for k, e := range c.blocks {
		if len(e.blockers) > 0 {
			e.blockers = e.blockers[:len(e.blockers)-1]
			c.blocks[k] = e
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
