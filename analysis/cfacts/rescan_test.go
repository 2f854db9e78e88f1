package cfacts

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// rescan must give exactly what scanFile gives for the edited text, for
// any edits: ones that open comments or strings far from where they end,
// add or remove macros, braces, directives and line breaks, several at
// once. HPYLINT_REAL_TREES adds the files of other trees.
func TestRescanMatchesScanFile(t *testing.T) {
	inserts := []string{"x", " ", "\n", ";", "}", "{", "(", ")", "/*", "*/", "//", "\"", "'", "\\\n", "#if X\n", "#endif\n", "#define M(a) a\n",
		"HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "HPy_MODINIT(mod, def)", "HPyType_HELPERS(P);", "PyLong_FromLong(1);", "static int f(void) { return g(); }\n", ""}
	var names []string
	for _, n := range testdataFiles {
		names = append(names, filepath.Join("..", "..", "testdata", "cfacts", n))
	}
	if os.Getenv("HPYLINT_REAL_TREES") != "" {
		names = cSources(t) // HPY ports and the like, with the testdata
	}
	rng := rand.New(rand.NewSource(9))
	for run := 0; run < max(100*runs(), 5*len(names)); run++ {
		src, err := os.ReadFile(names[run%len(names)])
		if err != nil {
			t.Fatal(err)
		}
		old := scanFile(src)
		before := len(src)
		var dirty source.Span
		for k := range 1 + rng.Intn(3) {
			start := rng.Intn(len(src) + 1)
			end := min(len(src), start+rng.Intn(12))
			ins := inserts[rng.Intn(len(inserts))]
			src = slices.Concat(src[:start], []byte(ins), src[end:])
			// As a Document does: the macros move with each edit, the
			// touched bytes grow to cover it.
			m := shiftMap{start: start, oldEnd: end, newEnd: start + len(ins)}
			for i := range old.macros {
				old.macros[i] = source.Span{Start: m.pos(old.macros[i].Start), End: m.pos(old.macros[i].End)}
			}
			if k == 0 {
				dirty = source.Span{Start: start, End: m.newEnd}
			} else {
				dirty = source.Span{Start: min(m.pos(dirty.Start), start), End: max(m.pos(dirty.End), m.newEnd)}
			}
		}
		got, _ := rescan(src, old, dirty, len(src)-before, scan{})
		want := scanFile(src)
		if !sameScan(got, want) {
			t.Fatalf("run %d (%s): dirty %v\n got  %+v\n want %+v", run, names[run%len(names)], dirty, got, want)
		}
	}
}

func sameScan(a, b scan) bool {
	return slices.Equal(a.macros, b.macros) && slices.Equal(a.separators, b.separators) &&
		slices.Equal(a.candidates, b.candidates) && slices.Equal(a.itemStarts, b.itemStarts)
}
