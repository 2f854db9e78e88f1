package cfacts

import (
	"slices"
	"strings"
	"testing"
)

// The PyInit_ index is made with the facts and follows a Document's edits:
// a stale or missing index would hide an entrypoint from HPY104, HPY105,
// HPY206 and the call graph, or show one that is gone.
func TestPyInitsIndexFollowsEdits(t *testing.T) {
	src := "static int helper(void) { return 0; }\nPyObject *PyInit_a(void) { return 0; }\n"
	doc, err := NewDocument(C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	check := func(step string, want ...string) {
		t.Helper()
		f := doc.Facts()
		if f.pyInits == nil {
			t.Fatalf("%s: the facts have no PyInit_ index", step)
		}
		var got []string
		for _, i := range f.PyInits() {
			got = append(got, f.Functions[i].Name)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: PyInits gives %q, want %q", step, got, want)
		}
		if !slices.Equal(f.PyInits(), f.pyInitsOf()) {
			t.Fatalf("%s: the index %v is not the functions' %v", step, f.PyInits(), f.pyInitsOf())
		}
	}
	edit := func(old, new string) { t.Helper(); replaceFirst(t, doc, old, new) }
	check("opened", "PyInit_a")
	edit("helper", "PyInit_b")
	check("a function renamed to PyInit_b", "PyInit_b", "PyInit_a")
	edit("PyInit_a", "other")
	check("PyInit_a renamed", "PyInit_b")
	edit("PyInit_b", "helper")
	check("no PyInit_ left")

	stored := *doc.Facts()
	stored.pyInits = nil // as package factstore decodes facts
	stored.Functions = append(stored.Functions, Function{Name: "PyInit_c"})
	stored.Reindex()
	if !slices.Equal(stored.pyInits, []int{len(stored.Functions) - 1}) {
		t.Fatalf("Reindex gives the PyInit_ index %v", stored.pyInits)
	}
}

// replaceFirst edits doc, replacing the first old of its text by new.
func replaceFirst(t *testing.T, doc *Document, old, new string) {
	t.Helper()
	content := string(doc.Content())
	at := strings.Index(content, old)
	if at < 0 {
		t.Fatalf("no %q in %q", old, content)
	}
	doc.Edit(at, at+len(old), []byte(new))
}
