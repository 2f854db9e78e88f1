package cfacts

import (
	"fmt"
	"maps"
	"math/rand"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// MovedTo of facts a Document spliced from the ones before compares only
// what the key reached (moved_region.go): over random keys typed into the
// testdata's C files (HPYLINT_REAL_TREES adds the ports') and a generated
// HPy file, in segments of the usual size and of a few hundred bytes, its
// verdict and anchors are those of comparing every fact. The splice is
// recognised on most keys: a test that never took that path would say
// nothing. HPYLINT_APART_KEYS sets the keys per file (default 10).
func TestMovedToApartEqualsFullCompare(t *testing.T) {
	keys := []string{"\n", " ", "x", ";", "(", ")", "{", "}", "/*", "*/", "\"", "#define Q 1\n", "#if 0\n", "#endif\n",
		"f(a, b);", "PyErr_Clear();\n", "HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "static int g(void) { return 0; }\n", ""}
	perFile := 10
	if n, err := strconv.Atoi(os.Getenv("HPYLINT_APART_KEYS")); err == nil && n > 0 {
		perFile = n
	}
	sources := map[string][]byte{"generated.c": hpyHeavy(64 << 10)}
	for _, path := range cSources(t) {
		if src, err := os.ReadFile(path); err == nil && len(src) > 0 {
			sources[path] = src
		}
	}
	apart, moved, changed := 0, 0, 0
	for _, size := range []int{segmentSize, 300} {
		withSegmentSize(t, size, func() {
			rng := rand.New(rand.NewSource(int64(size)))
			for _, path := range slices.Sorted(maps.Keys(sources)) {
				src := sources[path]
				lang, _ := LangOf(path)
				doc, err := NewDocument(lang, src)
				if err != nil {
					t.Fatal(err)
				}
				prev := doc.Facts()
				for range perFile {
					old := doc.Content()
					at := rng.Intn(len(old) + 1)
					if rng.Intn(2) == 0 { // at a line start, as Enter and pasted lines mostly are
						for at > 0 && old[at-1] != '\n' {
							at--
						}
					}
					key := keys[rng.Intn(len(keys))]
					end := at
					if key == "" {
						end = min(len(old), at+1+rng.Intn(3))
					}
					doc.Edit(at, end, []byte(key))
					next := doc.Facts()
					for _, e := range append(EditsBetween(old, doc.Content()), Edit{Start: at, OldEnd: end, NewEnd: at + len(key)}) {
						for _, window := range []source.Span{{Start: e.Start, End: e.OldEnd}, {Start: max(0, e.Start-40), End: min(len(old), e.OldEnd+40)}} {
							for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, func(string, string) bool { return true }} {
								m := Move{Edit: e, SameComment: same, Window: window}
								if next.splicedFrom(prev, m) != nil {
									apart++
								}
								gotAt, got := prev.MovedTo(next, m)
								fullCompare = true
								wantAt, want := prev.MovedTo(next, m)
								fullCompare = false
								if got != want || !reflect.DeepEqual(gotAt, wantAt) {
									t.Logf("first difference: %s", firstMovedDifference(prev, next, m))
									t.Fatalf("%s, segments of %d: %q at %d..%d, edit %+v, window %+v: comparing what the key reached says %v (anchors %v), comparing all %v (anchors %v)",
										path, size, key, at, end, e, window, got, gotAt, want, wantAt)
								}
								if want {
									moved++
								} else {
									changed++
								}
							}
						}
					}
					prev = next
				}
				doc.Close()
			}
		})
	}
	t.Logf("%d comparisons took the splice, %d moved, %d changed", apart, moved, changed)
	if apart == 0 || moved == 0 || changed == 0 {
		t.Fatalf("%d comparisons took the splice, %d moved and %d changed: each must be tried", apart, moved, changed)
	}
}

// A key between a comment and the function after it (an Enter: two line
// breaks part them) changes what the function's preceding comment is,
// and nothing else: the function, moved and not read again, must still
// be compared.
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

// firstMovedDifference names the first fact that does not move as m says,
// comparing every fact.
func firstMovedDifference(f, next *Facts, m Move) string {
	c := &moving{Move: m, at: Anchors{Ends: map[int]bool{}, Spans: map[source.Span]bool{}}}
	check := func(name string, n int, same func(i int) bool) string {
		for i := range n {
			if !same(i) {
				return fmt.Sprintf("%s[%d]", name, i)
			}
		}
		return ""
	}
	for _, d := range []string{
		check("Macros", min(len(f.Macros), len(next.Macros)), func(i int) bool { return c.macro(&f.Macros[i], &next.Macros[i]) }),
		check("Variables", min(len(f.Variables), len(next.Variables)), func(i int) bool { return c.variable(&f.Variables[i], &next.Variables[i]) }),
		check("Functions", min(len(f.Functions), len(next.Functions)), func(i int) bool { return c.function(&f.Functions[i], &next.Functions[i]) }),
		check("Calls", min(len(f.Calls), len(next.Calls)), func(i int) bool { return c.call(&f.Calls[i], &next.Calls[i]) }),
		check("Refs", min(len(f.Refs), len(next.Refs)), func(i int) bool { return c.ref(&f.Refs[i], &next.Refs[i]) }),
		check("Comments", min(len(f.Comments), len(next.Comments)), func(i int) bool { return c.comment(&f.Comments[i], &next.Comments[i]) }),
		check("Conditionals", min(len(f.Conditionals), len(next.Conditionals)), func(i int) bool { return c.conditional(&f.Conditionals[i], &next.Conditionals[i]) }),
		check("Assigns", min(len(f.Assigns), len(next.Assigns)), func(i int) bool { return c.assign(&f.Assigns[i], &next.Assigns[i]) }),
	} {
		if d != "" {
			return d
		}
	}
	return "none of the lists compared here"
}
