package rules

import (
	"fmt"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

var MissingCPythonEntrypoint = register(&Rule{
	Code:     "HPY105",
	Name:     "missing-cpython-entrypoint",
	Severity: diag.Info,
	Summary:  "A universal or hybrid HPy extension without a CPython entrypoint",
	Doc: Doc{
		What: "Reports an `HPy_MODINIT(ext, moduledef)` in a source built with the universal or hybrid ABI when the extension has no CPython entrypoint: neither hpylint's shim (`HPY_CPYTHON_ENTRYPOINT(ext)`, from the generated `" + shim.HeaderName + "`) nor a `PyInit_ext` of its own (HPY104 and HPY206 report hand-written ones). " +
			"Not reported for files that embed several modules, for the one-argument 0.0.4 form, in cpython mode, where `HPy_MODINIT` defines `PyInit_ext` itself, or where nothing pins the ABI: an interpreter-dependent build (hpy.devel's default) is cpython on CPython, and an ABI hpylint only assumes says nothing about what CPython loads.",
		Why: "In universal and hybrid mode `HPy_MODINIT` exports only `HPyInit_ext`, which CPython does not know, and CPython's extension suffixes do not include `.hpy0.so`. Plain CPython then imports the module only through the `ext.py` stub hpy.devel writes beside the binary; the stub needs `pkg_resources`, defeats the usual extension-before-source import priority (HPy issue #203) and is lost whenever the binary is shipped on its own (HPy issue #445). " +
			"hpylint's shim adds a `PyInit_ext` that finds every CPython function at run time (no link-time dependency on libpython), so one binary still loads on PyPy and GraalPy through `hpy.universal`, and CPython imports it directly under a CPython file name.",
		Example: "static HPyModuleDef moduledef = { .doc = \"...\" };\nHPy_MODINIT(_point, moduledef)     /* HPY105: no CPython entrypoint */",
		Fix: "`hpylint --fix` writes `" + shim.HeaderName + "` beside the source (when it is not there yet) and inserts, on the line after `HPy_MODINIT`:\n\n" +
			"    #include \"" + shim.HeaderName + "\"\n    HPY_CPYTHON_ENTRYPOINT(_point)\n\n" +
			"The binary keeps its `.hpy0` name for `hpy.universal`; ship it under a CPython name too (`_point.so`, `_point.abi3.so` or a symlink), since CPython only looks for those: the shim then hands `_point.hpy0.so` beside it to `hpy.universal`. In cpython mode the header compiles to nothing.",
	},
	Run: runMissingCPythonEntrypoint,
})

func runMissingCPythonEntrypoint(pass *Pass) {
	anyPyInit := pass.carry().anyPyInit()
	for _, u := range pass.Project.Units {
		if !isHPySource(u) || embedsModules(u) {
			continue
		}
		modinits := modinitCalls(u)
		if len(modinits) == 0 {
			// Its part would read the whole binary's files for nothing:
			// a source per extension has HPy_MODINIT.
			continue
		}
		abi, ok := shimCapable(pass.Project, u)
		if !ok || !abi.Pinned() {
			// An interpreter-dependent build is cpython on CPython, where
			// HPy_MODINIT defines PyInit_ itself: CPython never loads the
			// universal binary. Nor is an ABI hpylint only assumed any
			// evidence that CPython loads one.
			continue
		}
		// A port built universal has this finding in every source with
		// HPy_MODINIT, each with the shim's edits: they are made again
		// only when a file they read changed.
		pass.scoped(u.Path, func() []string { return entrypointInputs(pass.Project, u) }, 0, func() {
			for _, m := range modinits {
				name := m.Arg(0).Text
				if !compiledIn(u.Facts, m.Span.Start, abi.ABI) || hasEntrypoint(pass.Project, u, name, abi.ABI, anyPyInit) {
					continue
				}
				msg := fmt.Sprintf("HPy_MODINIT(%s) has no CPython entrypoint: plain CPython imports this %s extension only through the .py stub that hpy.devel writes; hpylint's shim (HPY_CPYTHON_ENTRYPOINT) lets CPython import the binary itself, with no link-time dependency on CPython [ABI: %s]",
					name, abi.ABI, describeABI(pass, u))
				var fixes []diag.Fix
				entrypointFindingsMade.Add(1)
				if edits, ok := shimInsertEdits(pass.Project, u, m, name); ok {
					fixes = []diag.Fix{{Title: "Add hpylint's CPython entrypoint for " + name, Edits: edits}}
				} else {
					msg += fmt.Sprintf("; %s exists beside the source but hpylint did not write it, so no fix is offered", shimHeaderPath(u))
				}
				pass.Reportf(source.Location{Path: u.Path, Span: m.Span}, fixes, "%s", msg)
			}
		})
	}
}

// entrypointFindingsMade counts HPY105's findings made rather than kept,
// for a test.
var entrypointFindingsMade atomic.Int64

// entrypointInputsRead counts entrypointInputs's lists, for a test.
var entrypointInputsRead atomic.Int64

// entrypointInputs are the files u's part of HPY105 reads: the sources
// linked into its binary, the project headers they include, and the
// shim's header beside u.
func entrypointInputs(p *model.Project, u *model.Unit) []string {
	entrypointInputsRead.Add(1)
	in := []string{shimHeaderPath(u)}
	for _, src := range binaryUnits(u) {
		for s := range sourceAndHeaders(src, p.Headers(src)) {
			in = append(in, s.Path)
		}
	}
	return in
}

// hasEntrypoint reports whether the binary u belongs to already has a
// CPython entrypoint in a build of that ABI: the shim used anywhere in it
// (HPY106 checks its name), or a function PyInit_<name> in its sources or
// their project headers, generated or hand-written (the shim beside a
// hand-written one would not link; HPY104/HPY206 report those). Without a
// PyInit_ anywhere in the project (anyPyInit), the headers are not read.
func hasEntrypoint(p *model.Project, u *model.Unit, name string, abi buildcfg.ABI, anyPyInit bool) bool {
	for _, src := range binaryUnits(u) {
		if len(src.Facts.MacroCalls(entrypointMacro)) > 0 {
			return true
		}
	}
	if !anyPyInit {
		return false
	}
	for _, src := range binaryUnits(u) {
		for s := range sourceAndHeaders(src, p.Headers(src)) {
			if s.Facts != nil && definesPyInit(s, name, abi) {
				return true
			}
		}
	}
	return false
}

func definesPyInit(s *model.Unit, name string, abi buildcfg.ABI) bool {
	for _, i := range s.Facts.PyInits() {
		fn := &s.Facts.Functions[i]
		if fn.Name[len(cfacts.PyInitPrefix):] == name && compiledIn(s.Facts, fn.Span.Start, abi) {
			return true
		}
	}
	return false
}
