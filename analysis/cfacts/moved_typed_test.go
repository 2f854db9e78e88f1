package cfacts

import (
	"math/rand"
	"os"
	"reflect"
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
// HPYLINT_REAL_TREES): after each, the typed comparison of the facts
// before and after, under every reading of the edit and a window around
// it, says what the reflective walk says and collects the same anchors.
func TestTypedMovedToEqualsTheReflectiveWalk(t *testing.T) {
	keys := []string{"\n", " ", "x", ";", "(", "}", "/*", "\"", "#define Q 1\n", "f(a, b);", ""}
	rng := rand.New(rand.NewSource(1))
	moved, changed := 0, 0
	for _, path := range cSources(t) {
		src, err := os.ReadFile(path)
		if err != nil || len(src) == 0 {
			continue
		}
		lang, _ := LangOf(path)
		doc, err := NewDocument(lang, src)
		if err != nil {
			t.Fatal(err)
		}
		prev := doc.Facts()
		for range 12 {
			old := doc.Content()
			at := rng.Intn(len(old) + 1)
			key := keys[rng.Intn(len(keys))]
			end := at
			if key == "" { // a deletion
				end = min(len(old), at+1+rng.Intn(3))
			}
			doc.Edit(at, end, []byte(key))
			next := doc.Facts()
			for _, e := range EditsBetween(old, doc.Content()) {
				window := source.Span{Start: max(0, e.Start-40), End: min(len(old), e.OldEnd+40)}
				for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, func(string, string) bool { return true }} {
					m := Move{Edit: e, SameComment: same, Window: window}
					wantAt, want := reflectiveMovedTo(prev, next, m)
					gotAt, got := typedMovedTo(prev, next, m)
					if got != want || !reflect.DeepEqual(gotAt, wantAt) {
						t.Fatalf("%s: %q at %d..%d, edit %+v: typed says %v (anchors %v), reflective %v (anchors %v)", path, key, at, end, e, got, gotAt, want, wantAt)
					}
					if _, full := prev.MovedTo(next, m); full != want {
						t.Fatalf("%s: %q at %d..%d, edit %+v: MovedTo says %v, the reflective walk %v", path, key, at, end, e, full, want)
					}
					if want {
						moved++
					} else {
						changed++
					}
				}
			}
			prev = next
		}
		doc.Close()
	}
	if moved == 0 || changed == 0 {
		t.Fatalf("%d comparisons moved and %d changed: both kinds must be tried", moved, changed)
	}
	t.Logf("%d comparisons moved, %d changed", moved, changed)
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
