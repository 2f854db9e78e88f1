package rules

import (
	"hash/maphash"
	"sync/atomic"
)

// A kept part of a rule's work is checked on every key against the files
// that changed: one changed file, looked up among the inputs of every
// part of every rule, cost a fifth of a millisecond a key in a workspace
// of 400 extensions. Each part carries a 64-bit summary of its inputs,
// one bit per path by its hash, and the run the summary of its changed
// files: a part none of whose bits is set cannot have read a changed
// file, and only the others are looked at file by file.

// pathSeed hashes paths alike for as long as the process runs, which is
// as long as a carry lives.
var pathSeed = maphash.MakeSeed()

// pathsMask is the summary of paths.
func pathsMask(paths []string) uint64 {
	var m uint64
	for _, p := range paths {
		m |= pathBit(p)
	}
	return m
}

func pathBit(path string) uint64 { return 1 << (maphash.String(pathSeed, path) & 63) }

// mayHaveRead reports whether a part whose inputs have the summary mask
// may have read a file that changed since the run before.
func (c *Carry) mayHaveRead(mask uint64) bool {
	if mask&c.scopes.changedMask == 0 {
		return false
	}
	inputsLookedUp.Add(1)
	return true
}

// inputsLookedUp counts the parts mayHaveRead could not rule out, for a
// test.
var inputsLookedUp atomic.Int64
