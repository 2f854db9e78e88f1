package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// An extension declared by a subpackage's configuration (a setup.py with
// no setup(hpy_ext_modules=...) of its own, as numpy.distutils projects
// write) is built by the setup.py above it, whose hpy_abi decides; a
// setup.py with a setup() of its own is not.
func TestABIFromTheBuildingSetupPy(t *testing.T) {
	kw := source.Span{Start: 0, End: 1}
	root := &buildcfg.File{Path: "setup.py", HPyExtModules: &kw, ABI: []buildcfg.ABISetting{
		{ABI: buildcfg.ABIUniversal, Dynamic: true, Span: source.Span{Start: 2, End: 5}, Text: "HPY_ABI"},
	}}
	sub := &buildcfg.File{Path: "pkg/core/setup.py", Extensions: []buildcfg.Extension{
		{Name: buildcfg.StringValue{Value: "pkg.core._multi"}, Kind: buildcfg.HPyExtension},
	}}
	example := &buildcfg.File{Path: "docs/example/setup.py", HPyExtModules: &kw, Extensions: []buildcfg.Extension{
		{Name: buildcfg.StringValue{Value: "example"}, Kind: buildcfg.HPyExtension},
	}}
	p := New(source.NewSnapshot("/nonexistent", nil), []*buildcfg.File{root, sub, example}, buildcfg.ABIUniversal)
	p.Resolve()
	byName := map[string]ABIDecision{}
	for _, e := range p.Extensions {
		byName[e.Name] = e.ABI
	}
	if d := byName["pkg.core._multi"]; !d.Dynamic || d.Evidence == nil || d.Evidence.Path != "setup.py" {
		t.Errorf("subpackage extension: %+v, want the root setup.py's written-out rule", d)
	}
	if d := byName["example"]; !d.Dynamic || d.Evidence != nil {
		t.Errorf("example with its own setup(): %+v, want hpy.devel's default", d)
	}
}
