package cfacts

import (
	"reflect"
	"strings"
	"testing"
)

// Modinits answers as MacroCalls(ModinitMacro) through a Document's edits:
// one that only moves the macros (their index is shared with the facts
// before), one that renames the call, and one that adds it back.
func TestModinitsFollowEdits(t *testing.T) {
	src := "#include \"hpy.h\"\nstatic HPyModuleDef moduledef = { 0 };\nHPy_MODINIT(a, moduledef)\n"
	doc, err := NewDocument(C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	check := func(step string, want int) {
		t.Helper()
		f := doc.Facts()
		got := f.Modinits()
		if len(got) != want || !reflect.DeepEqual(got, f.MacroCalls(ModinitMacro)) {
			t.Fatalf("%s: Modinits gives %v, MacroCalls %v; want %d calls", step, got, f.MacroCalls(ModinitMacro), want)
		}
		for _, m := range got {
			if at := strings.Index(string(doc.Content()), "HPy_MODINIT("); m.Span.Start != at {
				t.Fatalf("%s: the call is at %d, its text at %d", step, m.Span.Start, at)
			}
		}
	}
	edit := func(old, new string) { t.Helper(); replaceFirst(t, doc, old, new) }
	check("opened", 1)
	edit("static", "\n\nstatic")
	check("moved down two lines", 1)
	edit("HPy_MODINIT(", "HPy_MODINIX(")
	check("renamed", 0)
	edit("HPy_MODINIX(", "HPy_MODINIT(")
	check("named again", 1)
}
