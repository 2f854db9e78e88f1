package rules

import "github.com/hpyproject/hpylint/analysis/model"

// UnitABI is the ABI a file is compiled with, decided as the rules decide
// it (the HPy extension listing it, else its own #define HPY_ABI_*, else the
// project default). The language server's hover explains it with this.
func UnitABI(p *model.Project, u *model.Unit) model.ABIDecision { return unitABI(p, u) }
