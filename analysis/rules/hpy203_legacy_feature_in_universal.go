package rules

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var LegacyFeatureInUniversal = register(&Rule{
	Code:     "HPY203",
	Name:     "legacy-feature-in-universal",
	Severity: diag.Error,
	Summary:  "HPy's legacy CPython compatibility features in a universal source",
	Doc: Doc{
		What:    "Reports `legacy_methods` and `legacy_slots` fields, `HPyType_BuiltinShape_Legacy`, `HPyType_LEGACY_HELPERS`, `PyObject_HEAD` and `HPy_AsPyObject`/`HPy_FromPyObject` in a source compiled for the universal ABI. A legacy field is reported once for its whole table (HPY201 does not report the table's entries). For an extension whose ABI depends on the interpreter, HPY209 counts these instead.",
		Why:     "These features exist to port an extension step by step and work only in the hybrid (and cpython) ABI: they hand out `PyObject*`, which a universal binary cannot have. A universal build either fails to compile (on recent gcc/clang) or crashes at run time.",
		Example: "static HPyModuleDef moduledef = {\n    .legacy_methods = SpamMethods,   /* HPY203 */\n};",
		Fix:     "Build the extension with the hybrid ABI until the legacy code is ported (the fix changes the ABI where one build-config setting decides it), or port the legacy methods and slots to `HPyDef_METH`/`HPyDef_SLOT`.",
	},
	Run: runLegacyFeatureInUniversal,
})

var legacyNames = map[string]string{
	"PyObject_HEAD":               "PyObject_HEAD makes a legacy (CPython-layout) object",
	"PyObject_VAR_HEAD":           "PyObject_VAR_HEAD makes a legacy (CPython-layout) object",
	"HPyType_BuiltinShape_Legacy": "HPyType_BuiltinShape_Legacy is a legacy type shape",
	"HPy_AsPyObject":              "HPy_AsPyObject hands out a PyObject*",
	"HPy_FromPyObject":            "HPy_FromPyObject takes a PyObject*",
}

func legacyName(name string) bool { _, ok := legacyNames[name]; return ok }

func runLegacyFeatureInUniversal(pass *Pass) {
	for _, r := range universalFiles(pass) {
		detail := detailOf(pass.Project, r.from)
		if detail != "" && !pass.wantsDetail(r.file) {
			continue
		}
		for _, lf := range legacyFeatures(pass, r.from, r.file) {
			d := pass.Diagnostic(source.Location{Path: r.file.Path, Span: lf.span},
				"%s, which needs the hybrid ABI; this source is compiled universal [ABI: %s]: build the extension as hybrid or port the legacy code", lf.what, describeABI(pass, r.from))
			d.Fixes = abiFixes(pass, r.from)
			d.DetailOf = detail
			pass.Emit(d)
		}
	}
}

// abiFixes offers to switch the ABI to hybrid where one literal in a build
// config decides it ('universal' in setup.py, setup.cfg or a Makefile). An
// interpreter-dependent choice is HPY209's to fix.
func abiFixes(pass *Pass, u *model.Unit) []diag.Fix {
	d := unitABI(pass.Project, u)
	if d.Evidence == nil || d.ABI != buildcfg.ABIUniversal || d.Dynamic {
		return nil
	}
	f := pass.Project.Snapshot.File(d.Evidence.Path)
	if f == nil || d.Evidence.Span.End > len(f.Content) {
		return nil
	}
	text := string(f.Content[d.Evidence.Span.Start:d.Evidence.Span.End])
	if strings.Count(text, "universal") != 1 {
		return nil
	}
	return []diag.Fix{{
		Title: "Build the extension with the hybrid ABI (in " + d.Evidence.Path + ")",
		Edits: []diag.Edit{{Path: d.Evidence.Path, Span: d.Evidence.Span, NewText: strings.Replace(text, "universal", "hybrid", 1)}},
	}}
}
