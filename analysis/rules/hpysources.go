package rules

import (
	"iter"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
)

// The questions several rules ask of the model.

// hpyExtensions are the declared extensions built with HPy, listed once
// per run: nine rules ask.
func hpyExtensions(pass *Pass) []*model.Extension {
	c := pass.carry()
	c.hpyExtOnce.Do(func() { c.hpyExt = hpyExtensionsOf(pass.Project) })
	return c.hpyExt
}

func hpyExtensionsOf(p *model.Project) []*model.Extension {
	var out []*model.Extension
	for _, e := range p.Extensions {
		if e.HPy {
			out = append(out, e)
		}
	}
	return out
}

// isHPySource reports whether a parsed unit is compiled as HPy code: an HPy
// extension lists it, or (for a file no build config claims) it contains an
// HPy_MODINIT itself.
func isHPySource(u *model.Unit) bool {
	if u.Facts == nil {
		return false
	}
	for _, e := range u.Extensions {
		if e.HPy {
			return true
		}
	}
	return len(u.Extensions) == 0 && len(u.Facts.Modinits()) > 0
}

// embedsModules reports whether a unit builds several modules into one
// library (HPY_MOD_EMBEDDABLE / HPY_EMBEDDED_MODULES, as hpy.universal does),
// where several HPy_MODINITs and names unrelated to the file are expected.
func embedsModules(u *model.Unit) bool {
	if u.Facts == nil {
		return false
	}
	// Asked of every file by several rules on every key: the facts
	// remember their part of the answer.
	f := u.Facts
	if f.Trait(embedsModulesItself, func() bool {
		return len(f.MacroCalls("HPY_MOD_EMBEDDABLE")) > 0 || f.HasDefine("HPY_EMBEDDED_MODULES")
	}) {
		return true
	}
	for _, e := range u.Extensions {
		for _, d := range e.Decl.Defines {
			if d.Value == "HPY_EMBEDDED_MODULES" {
				return true
			}
		}
	}
	return false
}

// unitABI is the ABI a unit is compiled with: its HPy extension's, what
// the file #defines itself, or the project default for an unclaimed file.
func unitABI(p *model.Project, u *model.Unit) model.ABIDecision {
	for _, e := range u.Extensions {
		if e.HPy {
			return e.ABI
		}
	}
	if u.Facts != nil {
		for _, d := range u.Facts.Defines {
			if abi := buildcfg.ParseABI(d.Name); abi != buildcfg.ABIUnknown {
				return model.ABIDecision{ABI: abi, Evidence: &source.Location{Path: u.Path, Span: d.Span}, Text: "#define " + d.Name}
			}
		}
	}
	return p.AssumedABI(u)
}

// universalSources are the HPy sources compiled for the universal ABI,
// listed once per run.
func universalSources(pass *Pass) []*model.Unit {
	c := pass.carry()
	c.universalSrcOnce.Do(func() { c.universalSrc = universalSourcesOf(pass.Project) })
	return c.universalSrc
}

func universalSourcesOf(p *model.Project) []*model.Unit {
	var out []*model.Unit
	for _, u := range p.Units {
		if isHPySource(u) && unitABI(p, u).ABI == buildcfg.ABIUniversal {
			out = append(out, u)
		}
	}
	return out
}

// describeABI says why a unit is universal, for messages.
func describeABI(pass *Pass, u *model.Unit) string {
	// The text of an extension's ABI is made once a run: HPY201 quotes it
	// for every universal file, on every key.
	for _, e := range u.Extensions {
		if e.HPy {
			c := pass.carry()
			return remembered(&c.mu, c.abiTexts, e, func() string { return e.ABI.Describe(pass.Line) })
		}
	}
	return unitABI(pass.Project, u).Describe(pass.Line)
}

// moduleInitName is the name HPy's loader derives from an extension name:
// the last dotted component, with '-' replaced by '_'.
func moduleInitName(e *model.Extension) string {
	return strings.ReplaceAll(e.ShortName, "-", "_")
}

// slotOf is the slot named by an HPyDef_SLOT-family invocation (its last
// argument in every HPy version), or "".
func slotOf(m cfacts.MacroCall) string {
	if !strings.HasPrefix(m.Name, "HPyDef_SLOT") || m.Args.Len() < 2 {
		return ""
	}
	return m.Args.At(m.Args.Len() - 1).Text
}

// sourceAndHeaders yields u, then each of headers: what ranging over
// append([]*model.Unit{u}, headers...) gives, without the list, which
// the rules made of every source on every key.
func sourceAndHeaders(u *model.Unit, headers []*model.Unit) iter.Seq[*model.Unit] {
	return func(yield func(*model.Unit) bool) {
		if !yield(u) {
			return
		}
		for _, h := range headers {
			if !yield(h) {
				return
			}
		}
	}
}
