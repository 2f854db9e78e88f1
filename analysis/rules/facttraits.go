package rules

import "github.com/hpyproject/hpylint/analysis/cfacts"

// Some answers depend on one file's facts alone, and rules ask them of
// every file on every key: whether a comment speaks to hpylint, whether
// the file defines NumPy's core, whether a variable has a legacy field.
// The carry keeps them by facts, one map for all, which NewCarry carries
// over for the facts that are still a file's.

// factTraits holds, for each trait, whether it is known and its answer.
type factTraits uint8

// A trait is the bit of its answer; the bit above it says it is known.
const (
	speaksToHPylint factTraits = 1 << (2 * iota)
	definesNumPyCore
	hasLegacyField
)

// trait is f's answer to the trait t, asked and kept when not known.
func (c *Carry) trait(f *cfacts.Facts, t factTraits, ask func() bool) bool {
	known := t << 1
	c.mu.Lock()
	have := c.traits[f]
	c.mu.Unlock()
	if have&known != 0 {
		return have&t != 0
	}
	yes := ask()
	c.mu.Lock()
	have = c.traits[f] | known
	if yes {
		have |= t
	}
	c.traits[f] = have
	c.mu.Unlock()
	return yes
}
