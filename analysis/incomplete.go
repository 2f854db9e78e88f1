package analysis

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// incompleteExtensions says once, at each HPy extension of cfg whose source
// list could not all be followed, that only part of it is analysed. When
// the construct is inside the declaration, its own HPY405 already says so
// there, and nothing is added.
func incompleteExtensions(p *model.Project, cfg *buildcfg.File, report func(*rules.Rule, source.Location, string)) {
	for _, e := range p.Extensions {
		u := e.Decl.SourcesIncomplete
		if e.Config != cfg || !e.HPy || u == nil {
			continue
		}
		if d := e.Decl.Decl; d.Start <= u.Span.Start && u.Span.End <= d.End {
			continue
		}
		line := p.Lines(cfg.Path).Line(u.Span.Start) + 1
		listed := "the 1 source"
		if n := len(e.Units); n != 1 {
			listed = fmt.Sprintf("the %d sources", n)
		}
		report(rules.UnresolvedExtension, e.NameLocation(), fmt.Sprintf(
			"the source list of extension %q is not fully known (line %d: %s); hpylint analyses only %s it could list",
			e.Name, line, u.What, listed))
	}
}
