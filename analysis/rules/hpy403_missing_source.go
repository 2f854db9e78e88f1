package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var MissingSource = register(&Rule{
	Code:     "HPY403",
	Name:     "missing-source",
	Severity: diag.Error,
	Summary:  "A source listed in the build config does not exist",
	Doc: Doc{
		What:    "Reports each source file named by an extension declaration that does not exist, resolved relative to the build config's directory. Only in projects that build at least one HPy extension: other builds are not hpylint's to check, and often list sources generated at build time (SWIG, Cython).",
		Why:     "The build fails late (\"No such file or directory\" from the compiler) or, for a source added to a list by a script, the extension silently lacks code. hpylint also cannot check an extension whose sources it cannot read.",
		Example: "Extension('pkg.mod', sources=['src/mod.c', 'src/helpers.c'])   # src/helpers.c was renamed",
		Fix:     "Correct the path, or add the missing file.",
	},
	Run: runMissingSource,
})

func runMissingSource(pass *Pass) {
	if len(hpyExtensions(pass)) == 0 {
		// Not an HPy project: its build is not ours to check (and plain
		// builds often list sources generated at build time: SWIG, Cython).
		return
	}
	for _, e := range pass.Project.Extensions {
		for _, src := range e.Missing {
			pass.Reportf(source.Location{Path: e.Config.Path, Span: src.Span}, nil,
				"source %q of extension %q does not exist (looked for %s)", src.Value, e.Name, model.SourcePath(e.Config.Path, src.Value))
		}
	}
}
