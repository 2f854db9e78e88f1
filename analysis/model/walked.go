package model

import (
	"slices"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// Walked is what the engine's parse phase made of a project's files,
// recorded for the next model of the same files: the units it could not
// analyse, by path, with the reason. A project whose phase did not finish
// (its run was cancelled) has none.
type Walked struct {
	Failed map[string]string
}

// SameReach reports whether two facts of one file make the parse phase
// reach the same headers from it, whatever source compiles it: the same
// includes in the same order, each under the same #if HPY branches
// (CompiledWithHPY, the only test the phase applies), and the same answer
// to whether its includes are followed for its own sake (FollowsIncludes:
// any HPy macro). Where the include resolves to depends on its text, the
// file's path and the build's directories alone.
func SameReach(a, b *cfacts.Facts) bool {
	if len(a.Includes) != len(b.Includes) || (len(a.Macros) > 0) != (len(b.Macros) > 0) {
		return false
	}
	ca, cb := hpyConditionals(a), hpyConditionals(b)
	if len(ca) != len(cb) {
		return false
	}
	for k := range ca {
		if ca[k].Macro != cb[k].Macro || ca[k].Defined != cb[k].Defined || !slices.Equal(ca[k].Or, cb[k].Or) {
			return false
		}
	}
	for i, x := range a.Includes {
		y := b.Includes[i]
		if x.Path != y.Path || x.System != y.System {
			return false
		}
		for k := range ca {
			if branchOf(ca[k], x.Span.Start) != branchOf(cb[k], y.Span.Start) {
				return false
			}
		}
	}
	return true
}

// hpyConditionals are the #if regions on HPY being defined (alone or
// among alternatives), and those of a number (#if 0), in order: the
// only ones the parse phase judges.
func hpyConditionals(f *cfacts.Facts) []cfacts.Conditional {
	var out []cfacts.Conditional
	for _, c := range f.Conditionals {
		if c.Macro == "HPY" || c.Macro == "" || slices.Contains(c.Or, "HPY") {
			out = append(out, c)
		}
	}
	return out
}

// branchOf says in which branch of c the offset is: 1 its #if, 2 its
// #else, 0 neither (as Facts.Compiled reads the regions).
func branchOf(c cfacts.Conditional, off int) int {
	switch {
	case c.Then.Contains(off):
		return 1
	case c.Else.End > c.Else.Start && c.Else.Contains(off):
		return 2
	}
	return 0
}
