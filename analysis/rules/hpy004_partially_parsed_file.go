package rules

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var PartiallyParsedFile = register(&Rule{
	Code:     "HPY004",
	Name:     "partially-parsed-file",
	Severity: diag.Info,
	Summary:  "HPy code that hpylint could read only in part",
	Doc: Doc{
		What: "Reports, once per file, the first place in HPy code (a source of an HPy extension, or a project header one includes) where hpylint's parser had to skip a brace block to recover: a function definition or an initializer it could not read, with the reason when it can tell (a macro it does not know before a definition). Syntax errors that hide nothing (a storage-class macro before a return type) are not reported, nor valid preprocessor use the parser cannot follow (`#if` branches that each open a brace, a directive inside an initializer list).",
		Why:  "hpylint reads the code without the preprocessor. What it skipped is not checked: a CPython reference or an import in the skipped definition may go unreported. The file itself is usually fine: a compiler, which runs the preprocessor first, accepts it.",
		Example: "static LIB_NONNULL(1) long   /* HPY004: a macro hpylint does not know, `LIB_NONNULL(1)` */\n" +
			"sum(const long *items, long n)\n{\n    ...\n}",
		Fix: "Nothing is wrong with the code: hpylint does not expand macros. Review the named definition by hand, or suppress with `// hpylint: ignore[HPY004]`.",
	},
	Run: runPartiallyParsedFile,
})

func runPartiallyParsedFile(pass *Pass) {
	for _, u := range pass.carry().HPyCodeFiles() {
		g := u.Facts.Gap
		// A truncated file gets HPY003, which says more. Valid code whose
		// #if branches the grammar cannot follow is not the user's to
		// change: the issue is hpylint's.
		if g == nil || u.Facts.Truncated || g.Preprocessor {
			continue
		}
		where := ""
		if g.FileScope {
			where = ", at file scope"
		}
		lost := "the code around it"
		if g.Lost != "" {
			lost = fmt.Sprintf("the definition of `%s`", g.Lost)
		}
		pass.Reportf(source.Location{Path: u.Path, Span: firstLine(u.File.Content, g.Span)}, nil,
			"hpylint could not parse this: %s%s; %s was read with error recovery, so findings in it may be missing (the compiler is not affected)",
			g.Cause, where, lost)
	}
}

// firstLine narrows a span to its first line.
func firstLine(content []byte, s source.Span) source.Span {
	for i := s.Start; i < s.End && i < len(content); i++ {
		if ctoken.IsLineEnd(content, i) { // a lone CR ends a line too
			return source.Span{Start: s.Start, End: i}
		}
	}
	return s
}

// HPyCodeFiles is HPyCodeFiles(c's project), worked out once per run: the
// engine asks it too, and it walks every unit's headers.
func (c *Carry) HPyCodeFiles() []*model.Unit {
	c.hpyCodeOnce.Do(func() { c.hpyCode = HPyCodeFiles(c.project) })
	return c.hpyCode
}

// HPyCodeFiles are the parsed files rules read as HPy code: the sources
// of HPy extensions, HPy code no build config claims, and the project
// headers they include. A plain CPython extension of the same project (a
// file parsed only because it defines PyInit_) is not among them.
func HPyCodeFiles(p *model.Project) []*model.Unit {
	var out []*model.Unit
	seen := map[*model.Unit]bool{}
	add := func(u *model.Unit) {
		if u.Facts != nil && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range p.Units {
		if u.Facts == nil || !isHPySource(u) && !(len(u.Extensions) == 0 && p.FollowsIncludes(u)) {
			continue
		}
		add(u)
		for _, h := range p.Headers(u) {
			add(h)
		}
	}
	return out
}
