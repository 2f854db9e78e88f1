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
		What:    "Reports `legacy_methods` and `legacy_slots` fields, `HPyType_BuiltinShape_Legacy`, `HPyType_LEGACY_HELPERS`, `PyObject_HEAD` and `HPy_AsPyObject`/`HPy_FromPyObject` in a source compiled for the universal ABI.",
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
	for _, r := range universalFiles(pass.Project) {
		f := r.file.Facts
		report := func(span source.Span, what string) {
			if !compiledInUniversal(pass.Project, r.from, f, span.Start) {
				return
			}
			pass.Reportf(source.Location{Path: r.file.Path, Span: span}, abiFixes(pass, r.from),
				"%s, which needs the hybrid ABI; this source is compiled universal [ABI: %s]: build the extension as hybrid or port the legacy code", what, describeABI(pass, r.from))
		}
		for _, ref := range f.Refs {
			if what, ok := legacyNames[ref.Name]; ok {
				report(ref.Span, what)
			}
		}
		for _, m := range f.MacroCalls("HPyType_LEGACY_HELPERS") {
			report(m.NameSpan, "HPyType_LEGACY_HELPERS declares a legacy (CPython-layout) object")
		}
		for _, v := range f.Variables {
			for _, fld := range v.Fields {
				if (fld.Name == "legacy_methods" || fld.Name == "legacy_slots") && !isDefault(fld.Value) {
					report(fld.Span, "."+fld.Name+" of "+v.Name+" holds CPython PyMethodDef/PyType_Slot entries")
				}
			}
		}
	}
}

// abiFixes offers to switch the ABI to hybrid where one literal in a build
// config decides it ('universal' in setup.py, setup.cfg or a Makefile).
func abiFixes(pass *Pass, u *model.Unit) []diag.Fix {
	d := unitABI(pass.Project, u)
	if d.Evidence == nil || d.ABI != buildcfg.ABIUniversal {
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
