package rules

import "github.com/hpyproject/hpylint/analysis/cfacts"

// The questions rules ask of one file's facts alone (cfacts.Trait): the
// facts remember the answers, for as long as they are a file's.
const (
	speaksToHPylint cfacts.Trait = iota
	definesNumPyCore
	hasLegacyField
	definesModuleDefTrait
	markedAsShim
	embedsModulesItself
)
