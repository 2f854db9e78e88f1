package cfacts

import (
	"bytes"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Edit is the one replacement that turns a text into another: bytes
// [Start, OldEnd) of the old text became [Start, NewEnd) of the new.
type Edit struct{ Start, OldEnd, NewEnd int }

// EditsBetween are the ways to see next as old with one replacement: with
// the longest common suffix first, then with the longest common prefix
// first, when they differ. Text that repeats around an edit makes it
// ambiguous: an Enter at the start of a line is as well a line break
// added at the end of the one before. A fact that ends with its line
// break (a #define) moves as the first sees it; one that ends before it
// (a function's closing brace) as either.
func EditsBetween(old, next []byte) []Edit {
	n := min(len(old), len(next))
	common := func(prefixFirst bool) Edit {
		prefix, suffix := 0, 0
		if prefixFirst {
			prefix = commonPrefix(old, next, n)
		}
		suffix = commonSuffix(old, next, n-prefix)
		if !prefixFirst {
			prefix = commonPrefix(old, next, n-suffix)
		}
		return Edit{Start: prefix, OldEnd: len(old) - suffix, NewEnd: len(next) - suffix}
	}
	late, early := common(true), common(false)
	if late == early || late.Start == late.OldEnd && late.OldEnd == late.NewEnd {
		return []Edit{early}
	}
	return []Edit{early, late}
}

// commonPrefix is the length of the longest common prefix of a and b, at
// most limit; a block compare first, as a keystroke in a megabyte file
// leaves almost all of it alike.
func commonPrefix(a, b []byte, limit int) int {
	const block = 256
	i := 0
	for i+block <= limit && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < limit && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix, at most limit.
func commonSuffix(a, b []byte, limit int) int {
	const block = 256
	i := 0
	for i+block <= limit && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < limit && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// MoveSpan moves a span of the old text through the edit: one that ends
// before the edit stays, one that starts after it moves by the edit's
// length, one around it grows or shrinks with it. ok is false for a span
// that starts or ends inside the replaced text, whose place in the new
// text the edit does not tell.
func (e Edit) MoveSpan(s source.Span) (source.Span, bool) {
	d := e.NewEnd - e.OldEnd
	if s.Start == s.End { // an empty span is a point
		p, ok := e.MovePoint(s.Start)
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

// unfinishedAt compares the places two texts left unfinished cite: the
// offset moves with the edit (its character, which one inside the
// replaced text has not).
func (m *moving) unfinishedAt(a, b *Facts) bool {
	if !strings.Contains(a.Unfinished, unfinishedLine) {
		return a.UnfinishedAt == b.UnfinishedAt // no place cited: both 0
	}
	moved, ok := m.Edit.MoveSpan(source.Span{Start: a.UnfinishedAt, End: a.UnfinishedAt + 1})
	return ok && moved.Start == b.UnfinishedAt
}

// MovePoint moves an offset of the old text through the edit; false for
// one inside the replaced text.
func (e Edit) MovePoint(p int) (int, bool) {
	switch {
	case p < e.Start:
		return p, true
	case p >= e.OldEnd:
		return p + e.NewEnd - e.OldEnd, true
	}
	return p, false
}

// Move is what MovedTo checks facts against: the edit, which comment
// texts count as the same, and the window whose fact places it collects.
type Move struct {
	Edit Edit
	// SameComment tells whether two comment texts (a comment's, or the
	// comment before a function) count as the same: most say nothing to
	// hpylint, whatever they say.
	SameComment func(a, b string) bool
	// Window is where MovedTo collects the Anchors of the old facts.
	Window source.Span
}

// Anchors are where facts are in a window of the old text: the offsets
// where one starts or ends, and their spans. A place found from a fact
// moves as the fact did, which MovedTo checked.
type Anchors struct {
	Ends  map[int]bool
	Spans map[source.Span]bool
}

// MovedTo reports whether next is f with every span moved through the
// edit and nothing else changed: the same facts, in the same order, with
// the same names, texts and counts. Then whatever a rule concludes from f
// it concludes from next, at the moved places. at are the places of f's
// facts in m.Window.
func (f *Facts) MovedTo(next *Facts, m Move) (at Anchors, ok bool) {
	if f == nil || next == nil {
		return Anchors{}, f == next
	}
	c := &moving{Move: m, at: Anchors{Ends: map[int]bool{}, Spans: map[source.Span]bool{}}}
	if !c.nearEdit(reflect.ValueOf(f).Elem(), reflect.ValueOf(next).Elem()) {
		return Anchors{}, false
	}
	if s := next.splicedFrom(f, m); s != nil {
		ok = c.factsApart(f, next, s)
	} else {
		ok = c.facts(f, next)
	}
	if !ok {
		return Anchors{}, false
	}
	return c.at, true
}

// nearEdit compares, in every list of facts, the lengths and the few
// facts at the edit: where an edit changes a fact it is mostly there, and
// a large file's facts need not all be compared to find out. Equal lists
// are equal at every index, so a difference found here is one.
func (m *moving) nearEdit(a, b reflect.Value) bool {
	const near = 8
	fields, _ := comparedFields(factsType)
	for _, fi := range fields {
		x, y := a.Field(fi), b.Field(fi)
		if x.Kind() != reflect.Slice {
			continue
		}
		if x.Len() != y.Len() {
			return false
		}
		pos, ok := positionField(x.Type().Elem())
		if !ok {
			continue
		}
		from := sort.Search(x.Len(), func(i int) bool {
			return x.Index(i).Field(pos).Addr().Interface().(*source.Span).End >= m.Edit.Start
		})
		to := min(x.Len(), from+near)
		var same bool
		switch x.Type() {
		case refsType:
			same = m.refs((*x.Addr().Interface().(*[]Ref))[from:to], (*y.Addr().Interface().(*[]Ref))[from:to])
		case callsType:
			same = m.callList((*x.Addr().Interface().(*[]Call))[from:to], (*y.Addr().Interface().(*[]Call))[from:to])
		default:
			same = true
			for i := from; i < to && same; i++ {
				same = m.same(x.Index(i), y.Index(i))
			}
		}
		if !same {
			return false
		}
	}
	return true
}

// positionField is the first span field of a fact type: the lists of facts
// are in its order (by start), near enough for nearEdit's search, which
// only picks where to look.
func positionField(t reflect.Type) (int, bool) {
	if t.Kind() != reflect.Struct {
		return 0, false
	}
	for i := range t.NumField() {
		if t.Field(i).Type == spanType {
			return i, true
		}
	}
	return 0, false
}

var (
	spanType     = reflect.TypeFor[source.Span]()
	argListType  = reflect.TypeFor[ArgList]()
	commentType  = reflect.TypeFor[source.Comment]()
	refsType     = reflect.TypeFor[[]Ref]()
	callsType    = reflect.TypeFor[[]Call]()
	functionType = reflect.TypeFor[Function]()
	factsType    = reflect.TypeFor[Facts]()
)

// moving compares values of old facts with those of new facts. Values are
// reached through pointers (both sides are addressable), so comparing the
// hundreds of thousands of spans of a large file allocates nothing.
type moving struct {
	Move
	at Anchors
	// calls is set while comparing a call's arguments: only the call
	// graph reads them, by their tokens (callgraph_sites.go), where a
	// macro's are quoted in messages as written.
	calls bool
}

func (m *moving) span(a, b *source.Span) bool {
	in := false
	for _, p := range [2]int{a.Start, a.End} {
		if p >= m.Window.Start && p <= m.Window.End {
			m.at.Ends[p], in = true, true
		}
	}
	if in {
		m.at.Spans[*a] = true
	}
	moved, ok := m.Edit.MoveSpan(*a)
	return ok && moved == *b
}

// same compares two values of a fact type by reflection, field by field:
// nearEdit reads the few facts at the edit with it, and the tests take it
// as the oracle of the typed comparisons (moved_typed.go).
func (m *moving) same(a, b reflect.Value) bool {
	switch a.Type() {
	case refsType:
		return m.refs(*a.Addr().Interface().(*[]Ref), *b.Addr().Interface().(*[]Ref))
	case callsType:
		return m.callList(*a.Addr().Interface().(*[]Call), *b.Addr().Interface().(*[]Call))
	case spanType:
		return m.span(a.Addr().Interface().(*source.Span), b.Addr().Interface().(*source.Span))
	case argListType:
		return m.args(a.Addr().Interface().(*ArgList), b.Addr().Interface().(*ArgList))
	case commentType:
		ca, cb := a.Addr().Interface().(*source.Comment), b.Addr().Interface().(*source.Comment)
		return m.span(&ca.Span, &cb.Span) && m.SameComment(ca.Text, cb.Text)
	case functionType:
		fa, fb := a.Addr().Interface().(*Function), b.Addr().Interface().(*Function)
		if !m.SameComment(fa.Preceding, fb.Preceding) {
			return false
		}
	case factsType:
		fa, fb := a.Addr().Interface().(*Facts), b.Addr().Interface().(*Facts)
		if (fa.Gap == nil) != (fb.Gap == nil) || fa.Gap != nil && !m.same(reflect.ValueOf(fa.Gap).Elem(), reflect.ValueOf(fb.Gap).Elem()) {
			return false
		}
		// Rules read only whether there are syntax errors: the count
		// after incremental edits need not be a fresh parse's.
		if (fa.SyntaxErrors > 0) != (fb.SyntaxErrors > 0) || !m.unfinishedAt(fa, fb) {
			return false
		}
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
		fields, ok := comparedFields(a.Type())
		if !ok {
			return false // a fact type with hidden state: cannot tell
		}
		for _, i := range fields {
			if !m.same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
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

// The comparisons of every fact type are written out in moved_typed.go;
// same is the reflective walk they replace, kept for nearEdit's few
// facts and as the tests' oracle.

func (m *moving) refs(a, b []Ref) bool {
	return each(m, a, b, (*moving).ref)
}

func (m *moving) ref(x, y *Ref) bool {
	return x.Name == y.Name && x.Kind == y.Kind && m.span(&x.Span, &y.Span)
}

func (m *moving) callList(a, b []Call) bool {
	return each(m, a, b, (*moving).call)
}

func (m *moving) call(x, y *Call) bool {
	if x.Name != y.Name || x.Caller != y.Caller || !m.span(&x.NameSpan, &y.NameSpan) || !m.span(&x.Span, &y.Span) {
		return false
	}
	m.calls = true
	same := m.args(&x.Args, &y.Args)
	m.calls = false
	return same
}

func (m *moving) args(la, lb *ArgList) bool {
	if len(la.args) != len(lb.args) {
		return false
	}
	for i := range la.args {
		x, y := la.args[i], lb.args[i]
		x.Span = source.Span{Start: x.Span.Start + la.shift, End: x.Span.End + la.shift}
		y.Span = source.Span{Start: y.Span.Start + lb.shift, End: y.Span.End + lb.shift}
		if !(x.Text == y.Text || m.calls && sameArgText(x.Text, y.Text)) || !m.span(&x.Span, &y.Span) {
			return false
		}
	}
	return true
}

// comparedFields are the fields of a fact type that same compares in
// turn, by index: all but those compared above (a function's comment, the
// gap, the syntax error count, the offset the unfinished text cites) and
// the indexes of Facts, which are built from Macros. ok is false for
// another type with unexported fields, whose state cannot be told.
func comparedFields(t reflect.Type) (fields []int, ok bool) {
	if v, ok := fieldCache.Load(t); ok {
		f := v.(structFields)
		return f.fields, f.ok
	}
	f := structFields{ok: true}
	for i := range t.NumField() {
		field := t.Field(i)
		switch {
		case t == functionType && field.Name == "Preceding", t == factsType && (field.Name == "Gap" || field.Name == "SyntaxErrors" || field.Name == "UnfinishedAt"):
		case !field.IsExported():
			f.ok = f.ok && t == factsType
		default:
			f.fields = append(f.fields, i)
		}
	}
	fieldCache.Store(t, f)
	return f.fields, f.ok
}

type structFields struct {
	fields []int
	ok     bool
}

var fieldCache sync.Map // reflect.Type -> structFields

// sameArgText reports whether two texts of an argument differ at most in
// the white space between tokens: a line break between the pieces of a
// string written over several lines, say. The call graph reads a call's
// arguments by their tokens (a name, a number, the value of a string),
// never by how they are laid out; inside string and character literals
// every byte counts.
func sameArgText(a, b string) bool {
	if a == b {
		return true
	}
	x, y := []byte(a), []byte(b) // rare: the texts differ
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		si, sj := skipBlank(x, i), skipBlank(y, j)
		if (si > i) != (sj > j) {
			return false // space between tokens in one only
		}
		i, j = si, sj
		if i == len(x) || j == len(y) {
			return i == len(x) && j == len(y)
		}
		ei, ej := tokenEnd(x, i), tokenEnd(y, j)
		if !bytes.Equal(x[i:ei], y[j:ej]) {
			return false
		}
		i, j = ei, ej
	}
	return true
}

// tokenEnd is the end of the run of text at i up to the next blank
// outside a literal: a literal, escapes and all, is one piece.
func tokenEnd(s []byte, i int) int {
	for i < len(s) {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return i
		case '"', '\'':
			i++
			for i < len(s) && s[i] != c {
				if s[i] == '\\' {
					i++
				}
				i++
			}
			i++
		default:
			i++
		}
	}
	return min(i, len(s))
}
