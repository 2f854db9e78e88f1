package rules

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// HPY209 offers to pin the ABI only where the reader says one expression
// decides it (buildcfg.ABISetting.Pinnable); elsewhere, and where nothing
// in a build config decides it (hpy.devel's default), it says where to pin.
func TestPinFixOnlyWherePinnable(t *testing.T) {
	const setupPy = "from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('m', ['m.c'])], hpy_abi=ABI)\n"
	const mc = "#include \"hpy.h\"\nstatic long f(void) { return PyList_Size(0); }\nstatic HPyModuleDef moduledef = { .doc = \"\" };\nHPy_MODINIT(m, moduledef)\n"
	abiAt := strings.Index(setupPy, "ABI)")
	span := source.Span{Start: abiAt, End: abiAt + 3}
	for _, c := range []struct {
		name     string
		settings []buildcfg.ABISetting
		fix      bool
	}{
		{"pinnable", []buildcfg.ABISetting{{ABI: buildcfg.ABIUniversal, Dynamic: true, Span: span, Text: "ABI", Pinnable: true}}, true},
		{"not pinnable", []buildcfg.ABISetting{{ABI: buildcfg.ABIUniversal, Dynamic: true, Span: span, Text: "ABI"}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			snap := source.NewSnapshot("/p", []*source.File{{Path: "setup.py", Content: []byte(setupPy)}, {Path: "m.c", Content: []byte(mc)}})
			cfg := &buildcfg.File{Path: "setup.py", ABI: c.settings, Extensions: []buildcfg.Extension{{
				Name: buildcfg.StringValue{Value: "m"}, Kind: buildcfg.HPyExtension,
				Sources: []buildcfg.StringValue{{Value: "m.c"}},
			}}}
			p := model.New(snap, []*buildcfg.File{cfg}, buildcfg.ABIUniversal)
			e := p.Extensions[0]
			e.ABI = model.ABIDecision{ABI: buildcfg.ABIUniversal, Dynamic: true, Evidence: &source.Location{Path: "setup.py", Span: span}, Text: "ABI"}
			var got []diag.Diagnostic
			pass := &Pass{Project: p, Rule: NotUniversalReady, Emit: func(d diag.Diagnostic) { got = append(got, d) }}
			fixes := pinFixes(pass, e)
			if (len(fixes) > 0) != c.fix {
				t.Fatalf("fixes = %+v, want a fix: %v", fixes, c.fix)
			}
			if c.fix && fixes[0].Edits[0].NewText != "'hybrid'" {
				t.Errorf("edit = %+v", fixes[0].Edits[0])
			}
			e.ABI.Evidence = nil // hpy.devel's default: nothing in a file to edit
			if fixes := pinFixes(pass, e); len(fixes) != 0 {
				t.Errorf("a fix without evidence: %+v", fixes)
			}
		})
	}
}
