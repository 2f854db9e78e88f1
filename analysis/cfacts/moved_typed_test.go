package cfacts

import (
	"maps"
	"math/rand"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// reflectiveMovedTo is MovedTo as it was before the typed comparisons:
// the reflective walk over every field, the oracle of the typed one.
func reflectiveMovedTo(f, next *Facts, m Move) (Anchors, bool) {
	c := &moving{Move: m, at: Anchors{Ends: map[int]bool{}, Spans: map[source.Span]bool{}}}
	if !c.same(reflect.ValueOf(f).Elem(), reflect.ValueOf(next).Elem()) {
		return Anchors{}, false
	}
	return c.at, true
}

// typedMovedTo is the typed comparison alone (MovedTo without nearEdit's
// shortcut).
func typedMovedTo(f, next *Facts, m Move) (Anchors, bool) {
	c := &moving{Move: m, at: Anchors{Ends: map[int]bool{}, Spans: map[source.Span]bool{}}}
	if !c.facts(f, next) {
		return Anchors{}, false
	}
	return c.at, true
}

// Random keys typed into the testdata's C files (and those of
// HPYLINT_REAL_TREES) and a generated HPy file, in segments of the usual
// size and of a few hundred bytes: after each, under every reading of the
// edit and two windows, the typed comparison of the facts before and
// after says what the reflective walk says and collects the same anchors,
// and so does MovedTo, which compares only what the key reached when the
// Document spliced the facts (moved_region.go). That path must be taken:
// a test that never took it would say nothing of it.
// HPYLINT_MOVEDTO_KEYS sets the keys per file (default 12).
func TestTypedMovedToEqualsTheReflectiveWalk(t *testing.T) {
	keys := []string{"\n", " ", "x", ";", "(", ")", "{", "}", "/*", "*/", "\"", "#define Q 1\n", "#if 0\n", "#endif\n",
		"f(a, b);", "PyErr_Clear();\n", "HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "static int g(void) { return 0; }\n", ""}
	perFile := 12
	if n, err := strconv.Atoi(os.Getenv("HPYLINT_MOVEDTO_KEYS")); err == nil && n > 0 {
		perFile = n
	}
	sources := map[string][]byte{"generated.c": hpyHeavy(64 << 10)}
	for _, path := range cSources(t) {
		if src, err := os.ReadFile(path); err == nil && len(src) > 0 {
			sources[path] = src
		}
	}
	spliced, moved, changed := 0, 0, 0
	for _, size := range []int{segmentSize, 300} {
		withSegmentSize(t, size, func() {
			rng := rand.New(rand.NewSource(int64(size)))
			for _, path := range slices.Sorted(maps.Keys(sources)) {
				lang, _ := LangOf(path)
				doc, err := NewDocument(lang, sources[path])
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
					if key == "" { // a deletion
						end = min(len(old), at+1+rng.Intn(3))
					}
					doc.Edit(at, end, []byte(key))
					next := doc.Facts()
					for _, e := range append(EditsBetween(old, doc.Content()), Edit{Start: at, OldEnd: end, NewEnd: at + len(key)}) {
						for _, window := range []source.Span{{Start: e.Start, End: e.OldEnd}, {Start: max(0, e.Start-40), End: min(len(old), e.OldEnd+40)}} {
							for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, func(string, string) bool { return true }} {
								m := Move{Edit: e, SameComment: same, Window: window}
								wantAt, want := reflectiveMovedTo(prev, next, m)
								gotAt, got := typedMovedTo(prev, next, m)
								if got != want || !reflect.DeepEqual(gotAt, wantAt) {
									t.Fatalf("%s, segments of %d: %q at %d..%d, edit %+v, window %+v: typed says %v (anchors %v), reflective %v (anchors %v)", path, size, key, at, end, e, window, got, gotAt, want, wantAt)
								}
								if next.splicedFrom(prev, m) != nil {
									spliced++
								}
								if gotAt, got = prev.MovedTo(next, m); got != want || !reflect.DeepEqual(gotAt, wantAt) {
									t.Fatalf("%s, segments of %d: %q at %d..%d, edit %+v, window %+v: MovedTo says %v (anchors %v), the reflective walk %v (anchors %v)", path, size, key, at, end, e, window, got, gotAt, want, wantAt)
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
	t.Logf("%d comparisons moved, %d changed, %d of them of spliced facts", moved, changed, spliced)
	if moved == 0 || changed == 0 || spliced == 0 {
		t.Fatalf("%d comparisons moved, %d changed, %d of spliced facts: each kind must be tried", moved, changed, spliced)
	}
}

// Every field of every fact type is compared: facts filled with a value in
// each field differ from the same facts with any one field changed, for
// the typed comparison as for the reflective walk (but for the syntax
// error count, compared by presence, and the unexported indexes).
func TestTypedComparesSeeEveryField(t *testing.T) {
	m := Move{SameComment: func(a, b string) bool { return a == b }}
	base := filledFacts()
	if _, ok := typedMovedTo(base, filledFacts(), m); !ok {
		t.Fatal("two filled facts told apart")
	}
	tried := 0
	for ; ; tried++ {
		next, k := filledFacts(), tried
		what, ok := mutateLeaf(reflect.ValueOf(next).Elem(), "Facts", &k)
		if !ok {
			break
		}
		_, typed := typedMovedTo(base, next, m)
		_, walked := reflectiveMovedTo(base, next, m)
		if typed != walked {
			t.Errorf("%s changed: typed comparison says moved=%v, reflective walk %v", what, typed, walked)
		}
		if typed && what != "Facts.SyntaxErrors" {
			t.Errorf("%s changed, and the typed comparison did not see it", what)
		}
	}
	if tried < 60 {
		t.Fatalf("only %d fields changed: is filledFacts filling every list?", tried)
	}
}

var argListType0 = reflect.TypeFor[ArgList]()

// filledFacts are facts with one element in every list and a value in
// every field, down to nested lists and argument lists.
func filledFacts() *Facts {
	f := &Facts{}
	fillLeaves(reflect.ValueOf(f).Elem())
	f.SyntaxErrors = 1
	return f
}

func fillLeaves(v reflect.Value) {
	switch {
	case v.Type() == argListType0:
		v.Set(reflect.ValueOf(NewArgList(Arg{Text: "arg", Span: source.Span{Start: 3, End: 4}})))
		return
	case v.Type() == spanType:
		v.Set(reflect.ValueOf(source.Span{Start: 1, End: 2}))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillLeaves(v.Index(0))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillLeaves(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillLeaves(v.Field(i))
			}
		}
	}
}

// mutateLeaf changes the k-th leaf of v (counting k down) and names it;
// false when v has fewer leaves.
func mutateLeaf(v reflect.Value, name string, k *int) (string, bool) {
	leaf := func(set func()) (string, bool) {
		if *k == 0 {
			set()
			return name, true
		}
		*k--
		return "", false
	}
	switch {
	case v.Type() == argListType0:
		if what, ok := leaf(func() { v.Set(reflect.ValueOf(NewArgList(Arg{Text: "other", Span: source.Span{Start: 3, End: 4}}))) }); ok {
			return what + " text", true
		}
		if what, ok := leaf(func() { v.Set(reflect.ValueOf(NewArgList(Arg{Text: "arg", Span: source.Span{Start: 3, End: 5}}))) }); ok {
			return what + " span", true
		}
		return leaf(func() { v.Set(reflect.ValueOf(NewArgList())) })
	case v.Type() == spanType:
		return leaf(func() { v.Set(reflect.ValueOf(source.Span{Start: 1, End: 3})) })
	}
	switch v.Kind() {
	case reflect.String:
		return leaf(func() { v.SetString("other") })
	case reflect.Bool:
		return leaf(func() { v.SetBool(false) })
	case reflect.Int:
		return leaf(func() { v.SetInt(2) })
	case reflect.Slice:
		if what, ok := leaf(func() { v.Set(reflect.Append(v, v.Index(0))) }); ok {
			return what + " (one more)", true
		}
		return mutateLeaf(v.Index(0), name+"[0]", k)
	case reflect.Pointer:
		if what, ok := leaf(func() { v.Set(reflect.Zero(v.Type())) }); ok {
			return what + " (nil)", true
		}
		return mutateLeaf(v.Elem(), name, k)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if what, ok := mutateLeaf(v.Field(i), name+"."+f.Name, k); ok {
					return what, true
				}
			}
		}
	}
	return "", false
}
