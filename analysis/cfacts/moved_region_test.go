package cfacts

import (
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// An Enter between a comment and the function after it (two line breaks
// then part them) changes what the function's preceding comment is, and
// nothing else. MovedTo must see it, though the function is a fact the
// splice may copy: the key's region reaches the item after the blank,
// and every function's preceding comment is compared besides.
func TestMovedToApartSeesAPrecedingCommentGone(t *testing.T) {
	for _, key := range []string{"\n", ";"} {
		// Blanks after the comment put the function apart from the key.
		src := []byte("int a;\n/* hpylint: a comment */   \nstatic int f(void) { return 0; }\n")
		doc, err := NewDocument(C, src)
		if err != nil {
			t.Fatal(err)
		}
		prev := doc.Facts()
		if len(prev.Functions) != 1 || prev.Functions[0].Preceding == "" {
			t.Fatalf("the test's function has no preceding comment: %+v", prev.Functions)
		}
		at := len("int a;\n/* hpylint: a comment */")
		doc.Edit(at, at, []byte(key))
		next := doc.Facts()
		doc.Close()
		m := Move{Edit: Edit{Start: at, OldEnd: at, NewEnd: at + 1}, SameComment: func(a, b string) bool { return a == b }, Window: source.Span{Start: at, End: at}}
		if next.splicedFrom(prev, m) == nil {
			t.Fatalf("%q: the Document's facts are not known as spliced", key)
		}
		if len(next.Functions) != 1 || next.Functions[0].Preceding != "" {
			t.Fatalf("%q: the function kept its comment: %+v", key, next.Functions)
		}
		if _, ok := prev.MovedTo(next, m); ok {
			t.Errorf("%q: the function lost its preceding comment, and MovedTo says the facts only moved", key)
		}
	}
}

// A string left open in a macro's argument (a quote just typed) runs past
// the invocation's own place, to the next quote: the invocation has a
// place beyond its own, whose anchors must be collected. The text is one
// the random keys of TestTypedMovedToEqualsTheReflectiveWalk made of a
// testdata file, where comparing a copy by its own place alone missed it.
func TestMovedToApartSeesArgumentsPastTheCall(t *testing.T) {
	src := []byte("#include \"hpy.h\"\n\n*/{static HPyModuleDef moduledef = { .doc = \"mod\" };\n" +
		"HPy_MODINIT(mod, modul\"f(a, b);edef)\n\n" +
		"/* Only compiled in  cpython mo/*de (wf(a, b);here it also conflicts with the PyInit_\n" +
		"*/   that HPy_MODINIT generates: HPY104). A universal build never sees it. */\n" +
		"#ifdef HPY_ABI_CPYTHON\n" +
		"x}PyObject *PyInit_mod(void) { return PyModule_Create(NULL); }  // want \"HPY104\"\n#endif\n")
	doc, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	prev := doc.Facts()
	var macro *MacroCall
	for i := range prev.Macros {
		if prev.Macros[i].Name == "HPy_MODINIT" {
			macro = &prev.Macros[i]
		}
	}
	if macro == nil {
		t.Fatalf("no HPy_MODINIT read: %+v", prev.Macros)
	}
	_, argsEnd := macro.Args.hull()
	if argsEnd <= macro.Span.End {
		t.Fatalf("the arguments end at %d, within the invocation %v: the test says nothing", argsEnd, macro.Span)
	}
	at := argsEnd + 21 // in the line after, apart from the invocation's place
	doc.Edit(at, at+3, nil)
	next := doc.Facts()
	m := Move{Edit: Edit{Start: at, OldEnd: at + 3, NewEnd: at}, SameComment: func(a, b string) bool { return a == b }, Window: source.Span{Start: argsEnd - 19, End: at + 7}}
	if next.splicedFrom(prev, m) == nil {
		t.Fatal("the Document's facts are not known as spliced")
	}
	wantAt, want := reflectiveMovedTo(prev, next, m)
	if gotAt, got := prev.MovedTo(next, m); got != want || !reflect.DeepEqual(gotAt, wantAt) {
		t.Errorf("MovedTo says %v (anchors %v), the reflective walk %v (anchors %v)", got, gotAt, want, wantAt)
	}
}
