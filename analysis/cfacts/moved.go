package cfacts

import (
	"reflect"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Edit is the one replacement that turns a text into another: bytes
// [Start, OldEnd) of the old text became [Start, NewEnd) of the new.
type Edit struct{ Start, OldEnd, NewEnd int }

// EditBetween is the edit from old to next with the longest common suffix
// first, then the longest common prefix in what is left: an inserted line
// break lands right after the text it follows, so what comes after it
// moves and what comes before it stays.
func EditBetween(old, next []byte) Edit {
	n := min(len(old), len(next))
	suffix := 0
	for suffix < n && old[len(old)-1-suffix] == next[len(next)-1-suffix] {
		suffix++
	}
	prefix := 0
	for prefix < n-suffix && old[prefix] == next[prefix] {
		prefix++
	}
	return Edit{Start: prefix, OldEnd: len(old) - suffix, NewEnd: len(next) - suffix}
}

// MoveSpan moves a span of the old text through the edit: one that ends
// before the edit stays, one that starts after it moves by the edit's
// length, one around it grows or shrinks with it. ok is false for a span
// that starts or ends inside the replaced text, whose place in the new
// text the edit does not tell.
func (e Edit) MoveSpan(s source.Span) (source.Span, bool) {
	d := e.NewEnd - e.OldEnd
	if s.Start == s.End { // an empty span is a point
		p, ok := e.movePoint(s.Start)
		return source.Span{Start: p, End: p}, ok
	}
	var out source.Span
	switch {
	case s.Start < e.Start:
		out.Start = s.Start
	case s.Start >= e.OldEnd:
		out.Start = s.Start + d
	default:
		return s, false
	}
	switch {
	case s.End <= e.Start:
		out.End = s.End
	case s.End > e.OldEnd:
		out.End = s.End + d
	default:
		return s, false
	}
	return out, true
}

func (e Edit) movePoint(p int) (int, bool) {
	switch {
	case p < e.Start:
		return p, true
	case p >= e.OldEnd:
		return p + e.NewEnd - e.OldEnd, true
	}
	return p, false
}

// MovedTo reports whether next is f with every span moved through e and
// nothing else changed: the same facts, in the same order, with the same
// names, texts and counts. Then whatever a rule concludes from f it
// concludes from next, at the moved places. Comment texts (a comment's,
// and the comment before a function) need only be alike for sameComment:
// most say nothing to hpylint, whatever they say.
func (f *Facts) MovedTo(next *Facts, e Edit, sameComment func(a, b string) bool) bool {
	if f == nil || next == nil {
		return f == next
	}
	if (f.Gap == nil) != (next.Gap == nil) {
		return false
	}
	if f.Gap != nil {
		g := *f.Gap
		var ok bool
		if g.Span, ok = e.MoveSpan(g.Span); !ok || g != *next.Gap {
			return false
		}
	}
	a, b := reflect.ValueOf(f).Elem(), reflect.ValueOf(next).Elem()
	for i := range a.NumField() {
		field := a.Type().Field(i)
		if !field.IsExported() || field.Name == "Gap" {
			continue // the indexes are built from Macros; Gap is above
		}
		if !(moving{e, sameComment}).same(a.Field(i), b.Field(i)) {
			return false
		}
	}
	return true
}

var (
	spanType     = reflect.TypeFor[source.Span]()
	argListType  = reflect.TypeFor[ArgList]()
	commentType  = reflect.TypeFor[source.Comment]()
	functionType = reflect.TypeFor[Function]()
)

// moving compares values of old facts with those of new facts.
type moving struct {
	e           Edit
	sameComment func(a, b string) bool
}

// same compares a value of old facts with one of new facts, spans moved
// through the edit.
func (m moving) same(a, b reflect.Value) bool {
	e := m.e
	switch a.Type() {
	case commentType:
		ca, cb := a.Interface().(source.Comment), b.Interface().(source.Comment)
		moved, ok := e.MoveSpan(ca.Span)
		return ok && moved == cb.Span && m.sameComment(ca.Text, cb.Text)
	case functionType:
		fa, fb := a.Interface().(Function), b.Interface().(Function)
		if !m.sameComment(fa.Preceding, fb.Preceding) {
			return false
		}
		fa.Preceding, fb.Preceding = "", ""
		return m.fields(reflect.ValueOf(fa), reflect.ValueOf(fb))
	case spanType:
		moved, ok := e.MoveSpan(a.Interface().(source.Span))
		return ok && moved == b.Interface().(source.Span)
	case argListType:
		// Lists moved by distance keep their offsets apart from the shift:
		// compare what they hold.
		la, lb := a.Interface().(ArgList), b.Interface().(ArgList)
		if la.Len() != lb.Len() {
			return false
		}
		for i := range la.Len() {
			if !m.same(reflect.ValueOf(la.At(i)), reflect.ValueOf(lb.At(i))) {
				return false
			}
		}
		return true
	}
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !m.same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		return m.fields(a, b)
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return m.same(a.Elem(), b.Elem())
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return a.Uint() == b.Uint()
	}
	return false // a kind no fact has yet: cannot tell
}

func (m moving) fields(a, b reflect.Value) bool {
	for i := range a.NumField() {
		if !a.Type().Field(i).IsExported() {
			return false // a fact type with hidden state: cannot tell
		}
		if !m.same(a.Field(i), b.Field(i)) {
			return false
		}
	}
	return true
}

// EndsIn is the set of offsets in s where some fact's span starts or ends.
func (f *Facts) EndsIn(s source.Span) map[int]bool {
	out := map[int]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Type() {
		case spanType:
			sp := v.Interface().(source.Span)
			for _, p := range []int{sp.Start, sp.End} {
				if p >= s.Start && p <= s.End {
					out[p] = true
				}
			}
			return
		case argListType:
			l := v.Interface().(ArgList)
			for i := range l.Len() {
				walk(reflect.ValueOf(l.At(i)))
			}
			return
		}
		switch v.Kind() {
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		}
	}
	walk(reflect.ValueOf(f).Elem())
	return out
}
