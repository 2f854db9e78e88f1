package rules

import (
	"fmt"
	"slices"
	"sync/atomic"

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
	for _, u := range pass.carry().UnfinishedHPyCode() {
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

// UnfinishedHPyCode are the files of HPyCodeFiles(c's project) that
// parse with a gap or end truncated, in its order, worked out once per
// run: HPY004 reports the one, the engine the other. Such files are few,
// and listing every HPy code file asks every file for the headers it
// includes (1.2 ms of CPU a key at 2,000 files): the list is made only
// when some parsed file has either.
func (c *Carry) UnfinishedHPyCode() []*model.Unit {
	c.unfinishedOnce.Do(func() {
		if !slices.ContainsFunc(c.project.Units, unfinished) {
			return
		}
		hpyCodeListed.Add(1)
		for _, u := range HPyCodeFiles(c.project) {
			if unfinished(u) {
				c.unfinished = append(c.unfinished, u)
			}
		}
	})
	return c.unfinished
}

// hpyCodeListed counts UnfinishedHPyCode's lists of every HPy code file,
// for a test.
var hpyCodeListed atomic.Int64

// unfinished reports whether u was parsed with a gap or ends truncated.
func unfinished(u *model.Unit) bool {
	return u.Facts != nil && (u.Facts.Gap != nil || u.Facts.Truncated)
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
