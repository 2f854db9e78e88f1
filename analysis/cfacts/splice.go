package cfacts

import (
	"reflect"
	"sort"

	"github.com/hpyproject/hpylint/analysis/source"
)

// shiftMap maps offsets from before an edit to after it: [start, oldEnd)
// became [start, newEnd).
type shiftMap struct{ start, oldEnd, newEnd int }

func (m shiftMap) pos(p int) int {
	switch {
	case p <= m.start:
		return p
	case p >= m.oldEnd:
		return p + m.newEnd - m.oldEnd
	}
	return m.newEnd // inside replaced text: the end of the new text
}

var spanType = reflect.TypeOf(source.Span{})

// shiftSpans moves every source.Span reachable from v through the edit.
// Reflection keeps this correct as fact types grow new span fields.
func shiftSpans(v reflect.Value, m shiftMap) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == spanType {
			s := v.Addr().Interface().(*source.Span)
			s.Start, s.End = m.pos(s.Start), m.pos(s.End)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				shiftSpans(f, m)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			shiftSpans(v.Index(i), m)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			shiftSpans(v.Elem(), m)
		}
	}
}

// spliceFacts fills next with old's facts outside region plus fresh's
// facts inside it. A fact belongs to the region its span starts in, its end
// included: a fact whose text an edit deleted collapses onto the region's
// end. The query over the region also returns enclosing nodes (an #if
// around it), which are old's and are skipped in fresh.
func spliceFacts(next, old, fresh *Facts, region source.Span) {
	in := func(off int) bool { return off >= region.Start && off <= region.End }
	nv, ov, fv := reflect.ValueOf(next).Elem(), reflect.ValueOf(old).Elem(), reflect.ValueOf(fresh).Elem()
	for i := 0; i < nv.NumField(); i++ {
		f := nv.Field(i)
		if f.Kind() != reflect.Slice || nv.Type().Field(i).Name == "Macros" {
			continue
		}
		olds, news := ov.Field(i), fv.Field(i)
		// Old facts are sorted by start, so those outside the region are a
		// run before it and a run after it: copy them whole.
		lo := sort.Search(olds.Len(), func(j int) bool { return startOf(olds.Index(j)) >= region.Start })
		hi := sort.Search(olds.Len(), func(j int) bool { return startOf(olds.Index(j)) > region.End })
		out := reflect.MakeSlice(f.Type(), 0, olds.Len()+news.Len())
		out = reflect.AppendSlice(out, olds.Slice(0, lo))
		for j := lo; j < hi; j++ {
			if e := olds.Index(j); !in(startOf(e)) {
				out = reflect.Append(out, e) // unsorted stragglers, if any
			}
		}
		for j := 0; j < news.Len(); j++ {
			if e := news.Index(j); in(startOf(e)) {
				out = reflect.Append(out, e)
			}
		}
		out = reflect.AppendSlice(out, olds.Slice(hi, olds.Len()))
		if out.Len() > 0 {
			f.Set(out)
		}
	}
}

// startOf is where a fact begins: its first span field (Span, or Then for
// a Conditional), which every fact type puts first or names Span.
func startOf(v reflect.Value) int {
	if f := v.FieldByName("Span"); f.IsValid() && f.Type() == spanType {
		return f.Interface().(source.Span).Start
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Type() == spanType {
			return f.Interface().(source.Span).Start
		}
	}
	return -1
}

// shiftedCopy returns facts moved through the edits, leaving f untouched.
// Facts that end before the first edit cannot move and are shared; the
// rest are copied deeply and shifted.
func shiftedCopy(f *Facts, edits []shiftMap) *Facts {
	first := edits[0].start
	for _, m := range edits[1:] {
		first = min(first, m.start)
	}
	out := new(Facts)
	ov, fv := reflect.ValueOf(out).Elem(), reflect.ValueOf(f).Elem()
	for i := 0; i < fv.NumField(); i++ {
		src := fv.Field(i)
		if src.Kind() != reflect.Slice {
			ov.Field(i).Set(src)
			continue
		}
		if src.IsNil() {
			continue
		}
		dst := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for j := 0; j < src.Len(); j++ {
			e := src.Index(j)
			if endOf(e) < first {
				dst.Index(j).Set(e)
				continue
			}
			deepCopy(dst.Index(j), e)
			for _, m := range edits {
				shiftSpans(dst.Index(j), m)
			}
		}
		ov.Field(i).Set(dst)
	}
	return out
}

// endOf is the furthest end of a fact's own spans, which enclose those of
// its parts (arguments, fields, a conditional's branches).
func endOf(v reflect.Value) int {
	end := -1
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Type() == spanType {
			end = max(end, f.Interface().(source.Span).End)
		}
	}
	return end
}
