package rules

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var ConflictingABI = register(&Rule{
	Code:     "HPY207",
	Name:     "conflicting-abi",
	Severity: diag.Error,
	Summary:  "Two HPy ABIs at once, or a source that contradicts its build's ABI",
	Doc: Doc{
		What:    "Reports a second, different `HPY_ABI_*` macro where one is already set (in one source, or in one target's compile definitions), and a source `#define HPY_ABI_X` that contradicts the ABI its build config chose for the extension.",
		Why:     "`hpy.h` stops with \"It is not allowed to define more than one HPY_ABI_* macro\" when two are defined, and a source that defines its own ABI silently wins or loses against the build's flag depending on include order, producing a binary with another ABI than its file name says.",
		Example: "# setup.py: --hpy-abi=universal\n/* mod.c */ #define HPY_ABI_CPYTHON   /* HPY207 */",
		Fix:     "Choose the ABI in one place: the build config. Remove the `#define HPY_ABI_*` from the sources.",
	},
	Run: runConflictingABI,
})

func runConflictingABI(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		var first *buildcfg.StringValue
		for i, d := range e.Decl.Defines {
			abi := buildcfg.ParseABI(d.Value)
			if abi == buildcfg.ABIUnknown {
				continue
			}
			if first == nil {
				first = &e.Decl.Defines[i]
				continue
			}
			if buildcfg.ParseABI(first.Value) != abi {
				pass.Reportf(source.Location{Path: e.Config.Path, Span: d.Span}, nil,
					"target %q defines both %s and %s; exactly one HPY_ABI_* macro may be defined", e.Name, first.Value, d.Value)
			}
		}
	}
	for _, u := range pass.Project.Units {
		if !isHPySource(u) {
			continue
		}
		build := buildABI(pass.Project, u)
		var seen *source.Location
		var seenName string
		for _, d := range u.Facts.Defines {
			abi := buildcfg.ParseABI(d.Name)
			if abi == buildcfg.ABIUnknown {
				continue
			}
			loc := source.Location{Path: u.Path, Span: d.Span}
			switch {
			case seen != nil && buildcfg.ParseABI(seenName) != abi:
				pass.Reportf(loc, nil, "%s defines %s after %s (line %s); exactly one HPY_ABI_* macro may be defined", u.Path, d.Name, seenName, pass.Line(*seen))
			case build.ABI != buildcfg.ABIUnknown && build.ABI != abi:
				pass.Reportf(loc, nil, "%s defines %s, but its build config builds it %s: %s", u.Path, d.Name, build.ABI,
					fmt.Sprintf("%s:%s `%s`", build.Evidence.Path, pass.Line(*build.Evidence), build.Text))
			}
			if seen == nil {
				seen, seenName = &loc, d.Name
			}
		}
	}
}

// buildABI is the ABI a build config (not a source, not the default)
// pinned for u's extension; unknown otherwise, and for an
// interpreter-dependent choice or a build command's variable, which may
// be either.
func buildABI(p *model.Project, u *model.Unit) model.ABIDecision {
	for _, e := range u.Extensions {
		if e.HPy && e.ABI.Evidence != nil && !e.ABI.Dynamic && !e.ABI.Varies && p.Config(e.ABI.Evidence.Path) != nil {
			return e.ABI
		}
	}
	return model.ABIDecision{}
}
