package rules_test

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
)

// HPY206 looks for a hand-written PyInit_ in the sources of universal and
// hybrid builds and the headers they include. In a project with no
// PyInit_ anywhere it asks no source for its headers; once a header an
// extension's source includes defines one, it walks them and reports it.
func TestEntrypointLinksWalksOnlyWhenAPyInitExists(t *testing.T) {
	texts := universalExtensions(4, false)
	snap := snapshotOf(texts)
	if n, _ := countedRun(snap, rules.PyInitWalks); n != 0 {
		t.Errorf("a project with no PyInit_ had its headers walked %d times", n)
	}

	header := "PyMODINIT_FUNC PyInit_m1(void)\n{\n    return PyModule_Create(&spec);\n}\n"
	m1 := "#include \"entry.h\"\n" + texts["src/m1.c"]
	withInit := snap.With(&source.File{Path: "src/entry.h", Content: []byte(header)}).
		With(&source.File{Path: "src/m1.c", Content: []byte(m1)})
	n, res := countedRun(withInit, rules.PyInitWalks)
	if n != 1 {
		t.Errorf("a project with a PyInit_ had its headers walked %d times, want 1", n)
	}
	if got := describeFindings(res.Diagnostics); !strings.Contains(got, "HPY206 src/entry.h") {
		t.Errorf("the PyInit_ in the included header is not reported:\n%s", got)
	}
}
