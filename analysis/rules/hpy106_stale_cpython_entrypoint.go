package rules

import (
	"path"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

var StaleCPythonEntrypoint = register(&Rule{
	Code:     "HPY106",
	Name:     "stale-cpython-entrypoint",
	Severity: diag.Warning,
	Summary:  "hpylint's CPython entrypoint shim is misnamed, missing, outdated or edited",
	Doc: Doc{
		What: "Checks every use of hpylint's CPython entrypoint shim: `HPY_CPYTHON_ENTRYPOINT(name)` must name the extension that `HPy_MODINIT` defines, and the `" + shim.HeaderName + "` it includes must exist and be the current generator's output, unedited (the header's first comment records the generator version and a sha256 of the rest of the file; line endings, blank lines at the end and a missing final newline do not count as edits). " +
			"A header written by a newer hpylint, or a file of that name hpylint did not write, is left alone.",
		Why:     "A shim whose name differs from `HPy_MODINIT`'s exports a `PyInit_` CPython never looks up (CPython calls `PyInit_` with the module's name, which `HPy_MODINIT` must match, HPY102), and asks `hpy.universal` to load a module of the wrong name. An older header misses fixes made since; an edited one is no longer what hpylint tested (and regenerating it would lose the edits, so the fix does not).",
		Example: "HPy_MODINIT(_point, moduledef)\n#include \"" + shim.HeaderName + "\"\nHPY_CPYTHON_ENTRYPOINT(point)     /* HPY106: HPy_MODINIT says _point */",
		Fix:     "`hpylint --fix` renames the shim's argument to `HPy_MODINIT`'s name, and rewrites a missing or older (unedited) header. For an edited header, move your change elsewhere (or report it to hpylint), delete the file and run `hpylint --fix` to regenerate it.",
	},
	Run: runStaleCPythonEntrypoint,
})

func runStaleCPythonEntrypoint(pass *Pass) {
	for _, u := range pass.Project.Units {
		if u.Facts == nil {
			continue
		}
		uses := u.Facts.MacroCalls(entrypointMacro)
		if len(uses) == 0 {
			continue
		}
		names := modinitNames(u)
		for _, use := range uses {
			checkEntrypointName(pass, u, use, names)
		}
		for _, inc := range u.Facts.Includes {
			if path.Base(inc.Path) == shim.HeaderName {
				checkShimHeader(pass, u, inc)
			}
		}
	}
}

// modinitNames are the names HPy_MODINIT gives in u, or else in the other
// sources of its binary.
func modinitNames(u *model.Unit) []string {
	var names []string
	for _, m := range modinitCalls(u) {
		names = append(names, m.Arg(0).Text)
	}
	if len(names) > 0 {
		return names
	}
	for _, s := range binaryUnits(u) {
		for _, m := range modinitCalls(s) {
			names = append(names, m.Arg(0).Text)
		}
	}
	return names
}

func checkEntrypointName(pass *Pass, u *model.Unit, use cfacts.MacroCall, names []string) {
	arg := use.Arg(0)
	if len(names) == 0 || arg.Text == "" {
		return // no HPy_MODINIT to compare with: HPY101 reports a declared extension without one
	}
	for _, n := range names {
		if n == arg.Text {
			return
		}
	}
	loc := source.Location{Path: u.Path, Span: arg.Span}
	var fixes []diag.Fix
	if len(names) == 1 {
		fixes = []diag.Fix{{Title: "Rename to " + names[0], Edits: []diag.Edit{{Path: u.Path, Span: arg.Span, NewText: names[0]}}}}
	}
	pass.Reportf(loc, fixes,
		"%s(%s) does not match HPy_MODINIT(%s): CPython looks up PyInit_%s, and the shim would ask hpy.universal for module %q",
		entrypointMacro, arg.Text, names[0], names[0], arg.Text)
}

// checkShimHeader reports the header an #include of u reaches, read from
// the snapshot so that a header no walk or include has parsed counts too.
func checkShimHeader(pass *Pass, u *model.Unit, inc cfacts.Include) {
	hp := locateShimHeader(pass.Project, u, inc)
	loc := source.Location{Path: u.Path, Span: inc.Span}
	regenerate := func(title string) []diag.Fix {
		size := 0
		if f := pass.Project.Snapshot.File(hp); f != nil {
			size = len(f.Content)
		}
		return []diag.Fix{{Title: title, Edits: []diag.Edit{{Path: hp, Span: source.Span{Start: 0, End: size}, NewText: string(shim.Header())}}}}
	}
	switch st, m := readShimHeader(pass.Project, hp); st {
	case headerMissing:
		pass.Reportf(loc, []diag.Fix{{Title: "Write " + hp, Edits: []diag.Edit{createHeaderEdit(hp)}}},
			"%s includes %s, which does not exist: the source does not compile", u.Path, hp)
	case headerStale:
		pass.Reportf(loc, regenerate("Regenerate "+hp),
			"%s was written by an older hpylint (generator version %d, current %d): regenerate it to get the fixes made since", hp, m.Version, shim.Version)
	case headerEdited:
		pass.Reportf(loc, nil,
			"%s was edited after hpylint generated it (its content no longer matches the sha256 in its first comment); hpylint will not overwrite your change: delete the file and run hpylint --fix to regenerate it", hp)
	}
}

// locateShimHeader resolves a quoted include beside the including file
// first, then in its extensions' include directories; when the header is in
// none of them, the path beside the source, where the fix would write it.
func locateShimHeader(p *model.Project, u *model.Unit, inc cfacts.Include) string {
	var cands []string
	if !inc.System {
		cands = append(cands, path.Join(path.Dir(u.Path), inc.Path))
	}
	for _, e := range u.Extensions {
		for _, d := range e.Decl.IncludeDirs {
			cands = append(cands, path.Join(model.SourcePath(e.Config.Path, d.Value), inc.Path))
		}
	}
	for _, c := range cands {
		if p.Snapshot.Exists(c) {
			return c
		}
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return path.Join(path.Dir(u.Path), inc.Path)
}
