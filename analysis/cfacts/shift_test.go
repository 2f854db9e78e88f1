package cfacts

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// spliceFacts is written per fact type for speed. Here its moving of old
// facts is checked against a walk by reflection that moves every span
// reachable from the facts: on facts with every field and list filled, the
// two must agree, and the input must be left as it was. (What it splices
// in is checked by the Document tests.)
func TestSpliceMovesEverySpan(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for run := 0; run < 200; run++ {
		var f Facts
		fill(reflect.ValueOf(&f).Elem(), rng, 0, 1000)
		before := deepCopyOf(&f)
		var edits []shiftMap
		for range 1 + rng.Intn(3) {
			start := rng.Intn(1000)
			edits = append(edits, shiftMap{start: start, oldEnd: start + rng.Intn(20), newEnd: start + rng.Intn(20)})
		}
		got := deepCopyOf(spliceFacts(&f, edits, nil, nil))
		want := deepCopyOf(&f)
		for _, m := range edits {
			moveSpans(reflect.ValueOf(want).Elem(), m)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: spliceFacts differs from the reflective walk:\n%s", run, factsDiff(got, want))
		}
		if !reflect.DeepEqual(deepCopyOf(&f), before) {
			t.Fatalf("run %d: spliceFacts modified its input", run)
		}
	}
}

// fill sets every span, string, bool and int field reachable from v, with
// lists of one to three elements or nil, as Extract leaves them. As in real facts, a
// fact's own spans end no earlier than the spans of its parts: each struct
// gets a range within [lo, hi], its spans and parts lie in it and one of
// its spans ends where it ends.
func fill(v reflect.Value, rng *rand.Rand, lo, hi int) {
	if v.Type() == argListType {
		args := reflect.New(reflect.TypeOf([]Arg{})).Elem()
		fill(args, rng, lo, hi)
		v.Set(reflect.ValueOf(NewArgList(args.Interface().([]Arg)...)))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		a, b := lo+rng.Intn(hi-lo+1), lo+rng.Intn(hi-lo+1)
		lo, hi = min(a, b), max(a, b)
		var spans []*source.Span
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			switch {
			case !f.CanSet():
			case f.Type() == spanType:
				s := f.Addr().Interface().(*source.Span)
				a, b := lo+rng.Intn(hi-lo+1), lo+rng.Intn(hi-lo+1)
				*s = source.Span{Start: min(a, b), End: max(a, b)}
				spans = append(spans, s)
			default:
				fill(f, rng, lo, hi)
			}
		}
		if len(spans) > 0 {
			spans[rng.Intn(len(spans))].End = hi
		}
	case reflect.Slice:
		if rng.Intn(5) == 0 {
			return
		}
		n := 1 + rng.Intn(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			fill(s.Index(i), rng, lo, hi)
		}
		v.Set(s)
	case reflect.String:
		v.SetString(string(rune('a' + rng.Intn(26))))
	case reflect.Bool:
		v.SetBool(rng.Intn(2) == 0)
	case reflect.Int:
		v.SetInt(int64(rng.Intn(5)))
	}
}

// deepCopyOf copies f with nothing shared, its argument lists flattened
// (NewArgList of their arguments as At gives them): so facts a Document
// moved compare equal to those of a fresh Extract.
func deepCopyOf(f *Facts) *Facts {
	out := new(Facts)
	deepCopy(reflect.ValueOf(out).Elem(), reflect.ValueOf(f).Elem())
	return out
}

func deepCopy(dst, src reflect.Value) {
	if src.Type() == argListType {
		dst.Set(reflect.ValueOf(NewArgList(src.Interface().(ArgList).Slice()...)))
		return
	}
	switch src.Kind() {
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Pointer:
		if !src.IsNil() {
			p := reflect.New(src.Type().Elem())
			deepCopy(p.Elem(), src.Elem())
			dst.Set(p)
		}
	default:
		dst.Set(src)
	}
}

// moveSpans moves every span reachable from v through one edit.
func moveSpans(v reflect.Value, m shiftMap) {
	if v.Type() == argListType {
		args := v.Interface().(ArgList).Slice()
		moveSpans(reflect.ValueOf(args), m)
		v.Set(reflect.ValueOf(NewArgList(args...)))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == spanType {
			s := v.Addr().Interface().(*source.Span)
			s.Start, s.End = m.pos(s.Start), m.pos(s.End)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				moveSpans(f, m)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			moveSpans(v.Index(i), m)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			moveSpans(v.Elem(), m)
		}
	}
}
