package rules_test

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A key in one universal source leaves the HPY201 findings of the others
// as the run before made them: the same findings, not made again (their
// messages are the run before's strings), while the edited source's are
// made anew and name the call typed.
func TestCPythonSymbolFindingsOfUntouchedFilesAreKept(t *testing.T) {
	module := func(name string) string {
		return "#include \"hpy.h\"\n\nstatic long one(void)\n{\n    return PyLong_AsLong(NULL);\n}\n\n" +
			"static HPyModuleDef moduledef = { .doc = \"" + name + "\" };\nHPy_MODINIT(" + name + ", moduledef)\n"
	}
	texts := map[string]string{
		"setup.py": "from setuptools import setup, Extension\nsetup(name='p', hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('a', sources=['a.c']), Extension('b', sources=['b.c'])])\n",
		"a.c":      module("a"),
		"b.c":      module("b"),
	}
	snap := snapshotOf(texts)
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache()}
	first := analysis.Run(context.Background(), snap, opts)
	edited := strings.Replace(texts["a.c"], "    return PyLong_AsLong", "    PyErr_Clear();\n    return PyLong_AsLong", 1)
	second := analysis.Run(context.Background(), snap.With(&source.File{Path: "a.c", Content: []byte(edited)}), withPrevious(opts, first))

	ofCode := func(ds []diag.Diagnostic, path string) []diag.Diagnostic {
		var out []diag.Diagnostic
		for _, d := range ds {
			if d.Code == "HPY201" && d.Location.Path == path {
				out = append(out, d)
			}
		}
		return out
	}
	before, after := ofCode(first.Diagnostics, "b.c"), ofCode(second.Diagnostics, "b.c")
	if len(before) != 1 || len(after) != 1 {
		t.Fatalf("b.c has %d HPY201 findings before the key and %d after, want 1 and 1", len(before), len(after))
	}
	if after[0].Message != before[0].Message || after[0].Location != before[0].Location {
		t.Fatalf("b.c's finding changed with a key in a.c:\n%+v\n%+v", before[0], after[0])
	}
	if unsafe.StringData(after[0].Message) != unsafe.StringData(before[0].Message) {
		t.Error("b.c's HPY201 finding was made again after a key in a.c; want the run before's kept")
	}
	if got := ofCode(second.Diagnostics, "a.c"); len(got) != 2 || !strings.Contains(got[0].Message+got[1].Message, "PyErr_Clear") {
		t.Errorf("a.c's findings after the key: %+v; want the call typed among 2", got)
	}
}
