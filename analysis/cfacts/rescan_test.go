package cfacts

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// The '}' that closed blocks left open are kept through edits before,
// between and after them as a fresh scan finds them, and so is whether
// the file is unfinished.
func TestBlocksLeftOpenFollowEdits(t *testing.T) {
	src := []byte("static int f(void)\n{\n    if (x) {\n}\nstatic int g;\nstatic int h(void)\n{\n    return 0;\n}\nstatic int k(void)\n{\n    while (y) {\n}\nint z;\n")
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Facts()
	check := func(what string) {
		t.Helper()
		got := d.Facts()
		if g, w := d.scans[0].leftOpen, scanFile(d.Content()).leftOpen; !slices.Equal(g, w) {
			t.Errorf("%s: blocks left open closed at %v, a fresh scan's at %v", what, g, w)
		}
		want, _ := Extract(C, d.Content())
		if got.Truncated != want.Truncated || got.Unfinished != want.Unfinished || got.UnfinishedAt != want.UnfinishedAt {
			t.Errorf("%s: truncated %v (%q), Extract's %v (%q)", what, got.Truncated, got.Unfinished, want.Truncated, want.Unfinished)
		}
	}
	check("opened")
	if len(d.scans[0].leftOpen) != 2 {
		t.Fatalf("blocks left open closed at %v, want the '}' of f and of k", d.scans[0].leftOpen)
	}
	at := func(s string) int { return strings.Index(string(d.Content()), s) }
	d.Edit(at("static int h"), at("static int h"), []byte("int q;\n"))
	check("an item put between them")
	d.Edit(at("return 0;"), at("return 0;"), []byte("  "))
	check("a key in the function between them")
	d.Edit(at("if (x) {")+len("if (x) "), at("if (x) {")+len("if (x) {"), nil)
	check("the first block's brace taken out")
	d.Edit(at("while (y) {")+len("while (y) {"), at("while (y) {")+len("while (y) {"), []byte(" }"))
	check("the second block closed")
	if len(d.scans[0].leftOpen) != 0 || d.Facts().Truncated {
		t.Errorf("blocks left open closed at %v, truncated %v; want none once both are balanced", d.scans[0].leftOpen, d.Facts().Truncated)
	}
}

// An HPy macro left open ends at the next ';': what the scan finds before
// an item start does not depend on the text after it, which a key's rescan
// does not read again. Here a ')' typed at the end of the file would
// otherwise have closed the macro, and taken every item start after it.
func TestAnHPyMacroLeftOpenEndsAtItsSemicolon(t *testing.T) {
	src := []byte("int a;\nHPyDef_SLOT(s(, HPy_mod_exec)\nstatic int f(void);\nint b;\nHPy_MODINIT(m, d)\n")
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Facts()
	end := len(src) - len("\n")
	d.Edit(end, end, []byte(")"))
	d.Facts()
	if got, want := d.scans[0].itemStarts, scanFile(d.Content()).itemStarts; !slices.Equal(got, want) {
		t.Errorf("item starts after the edit %v, a fresh scan's %v", got, want)
	}
}
