package cfacts

import (
	"weak"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A Document makes the facts after a key from those before: the facts of
// the items the key reached are read again, every other is copied and
// moved through the edit (spliceFacts). MovedTo, asked of the two, then
// need not compare the copies: in a 1 MB file comparing every fact cost
// a millisecond of each early answer and of each run that moves the
// findings, where what the key reached is a few hundred bytes.

// spliced is how a Document made facts: old's, moved through edit, with
// those starting in region (nil: none) read again. old is held weakly:
// facts must not keep every set before them alive.
type spliced struct {
	old    weak.Pointer[Facts]
	edit   Edit
	region *source.Span
}

// splicedFrom is how next was made from f by one edit, when it was; nil
// when it was not, or MovedTo must compare everything anyway.
//
// m.Edit may read the change otherwise than the Document's edit did (an
// Enter at a line start is as well a line break at the end of the line
// before, EditsBetween): both map every offset before the two edits to
// itself and every offset after them by the same distance, so a copy
// apart from both moved as m.Edit moves it.
func (next *Facts) splicedFrom(f *Facts, m Move) *spliced {
	s := next.spliced
	// An empty span, {0, 0}, stands for no span: it does not move when
	// an edit or the window starts at the first byte, where a moved copy
	// and a compared one would part.
	if s == nil || s.old.Value() != f || s.edit.NewEnd-s.edit.OldEnd != m.Edit.NewEnd-m.Edit.OldEnd ||
		s.edit.Start == 0 || m.Edit.Start == 0 || m.Window.Start == 0 {
		return nil
	}
	return s
}

// near is where, in the old text, facts may move otherwise than a copy
// did, or leave anchors: both readings of the edit and the window.
func (s *spliced) near(m Move) source.Span {
	return source.Span{Start: min(s.edit.Start, m.Edit.Start, m.Window.Start), End: max(s.edit.OldEnd, m.Edit.OldEnd, m.Window.End)}
}

// apart is what comparing spliced facts reads of the splice, worked out
// once for all the lists: the region read again, the Document's edit as a
// shifter (which of the old facts it replaced), and near.
type apart struct {
	region *source.Span
	sh     *shifter
	near   source.Span
}

// copiesApart compares two lists of facts as each does, but for the facts
// the splice copied (before and after the run it replaced) that lie
// apart from the edit and the window: those are the same facts moved, by
// how they were made. sp gives the run and the facts' extents.
func copiesApart[T any](m *moving, s apart, sp splice[T], a, b []T, same func(*moving, *T, *T) bool) bool {
	return copiesApartBy(m, s, sp, a, b, same, func(x *T) (int, int) { return sp.start(x), sp.end(x) })
}

// copiesApartBy is copiesApart for a fact type whose places reach beyond
// its splice's extent: extent gives the least and greatest offsets of all
// of a fact's places (arguments of broken code can run past the call).
func copiesApartBy[T any](m *moving, s apart, sp splice[T], a, b []T, same func(*moving, *T, *T) bool, extent func(*T) (int, int)) bool {
	if len(a) != len(b) {
		return false
	}
	lo, hi := sp.replaced(a, s.sh, s.region)
	for i := range a {
		if i < lo || i >= hi {
			if first, last := extent(&a[i]); last < s.near.Start || first > s.near.End {
				continue
			}
		}
		if !same(m, &a[i], &b[i]) {
			return false
		}
	}
	return true
}

// factsApart is facts for two sets of facts b was spliced from a by
// sp: every fact but the copies apart from the edit is compared.
func (m *moving) factsApart(a, b *Facts, sp *spliced) bool {
	s := apart{
		region: sp.region,
		sh:     newShifter([]shiftMap{{start: sp.edit.Start, oldEnd: sp.edit.OldEnd, newEnd: sp.edit.NewEnd}}),
		near:   sp.near(m.Move),
	}
	if (a.Gap == nil) != (b.Gap == nil) || a.Gap != nil && !m.gap(a.Gap, b.Gap) {
		return false
	}
	if (a.SyntaxErrors > 0) != (b.SyntaxErrors > 0) {
		return false
	}
	// A function's preceding comment and a call's caller are set anew for
	// all (finishFactsLike): those are compared in full.
	return a.Lang == b.Lang && a.Truncated == b.Truncated && a.Unfinished == b.Unfinished && m.unfinishedAt(a, b) &&
		m.macrosApart(a.Macros, b.Macros, s) &&
		m.precedingAndCallers(a, b) &&
		copiesApartBy(m, s, variableSplice, a.Variables, b.Variables, (*moving).variable, variableExtent) &&
		copiesApart(m, s, functionSplice, a.Functions, b.Functions, (*moving).function) &&
		copiesApart(m, s, includeSplice, a.Includes, b.Includes, (*moving).include) &&
		copiesApart(m, s, defineSplice, a.Defines, b.Defines, (*moving).define) &&
		copiesApart(m, s, commentSplice, a.Comments, b.Comments, (*moving).comment) &&
		copiesApartBy(m, s, callSplice, a.Calls, b.Calls, (*moving).call, func(c *Call) (int, int) { return withArgs(c.Span, c.NameSpan, c.Args) }) &&
		copiesApart(m, s, refSplice, a.Refs, b.Refs, (*moving).ref) &&
		copiesApart(m, s, typedefSplice, a.Typedefs, b.Typedefs, (*moving).typedef) &&
		copiesApart(m, s, conditionalSplice, a.Conditionals, b.Conditionals, (*moving).conditional) &&
		copiesApart(m, s, assignSplice, a.Assigns, b.Assigns, (*moving).assign) &&
		copiesApart(m, s, moduleSlotSplice, a.ModuleSlots, b.ModuleSlots, (*moving).moduleSlot) &&
		copiesApart(m, s, statementMacroSplice, a.StatementMacros, b.StatementMacros, (*moving).statementMacro) &&
		copiesApartBy(m, s, methodCallSplice, a.MethodCalls, b.MethodCalls, (*moving).methodCall, func(c *MethodCall) (int, int) { return withArgs(c.Span, c.NameSpan, c.Args) }) &&
		copiesApart(m, s, threadObjectSplice, a.ThreadObjects, b.ThreadObjects, (*moving).threadObject)
}

// precedingAndCallers compares what finishFactsLike sets anew in every
// fact, copies included: the comment before each function and the caller
// of each call (the lists' lengths are equal, nearEdit checked them).
func (m *moving) precedingAndCallers(a, b *Facts) bool {
	for i := range a.Functions {
		if !m.SameComment(a.Functions[i].Preceding, b.Functions[i].Preceding) {
			return false
		}
	}
	for i := range a.Calls {
		if a.Calls[i].Caller != b.Calls[i].Caller {
			return false
		}
	}
	return true
}

// macrosApart compares macro invocations as each does, but for those
// apart from the edit and the window, of which it compares the place
// only. Document.updateMacros keeps the invocation it had, moved, where
// the pre-pass finds one at the same place apart from the edit, and reads
// any other again; one read again at the same place reads the same text.
func (m *moving) macrosApart(a, b []MacroCall, s apart) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if first, last := withArgs(x.Span, x.NameSpan, x.Args); last < s.near.Start || first > s.near.End {
			if moved, ok := m.Edit.MoveSpan(x.Span); !ok || moved != y.Span {
				return false
			}
			continue
		}
		if !m.macro(x, y) {
			return false
		}
	}
	return true
}

// withArgs is the least and greatest offsets of two places and of a list
// of arguments.
func withArgs(a, b source.Span, args ArgList) (int, int) {
	lo, hi := args.hull()
	return min(a.Start, b.Start, lo), max(a.End, b.End, hi)
}

// variableExtent is the least and greatest offsets of a variable's
// places, its initializer's elements and fields included.
func variableExtent(v *Variable) (int, int) {
	lo, hi := min(v.Span.Start, v.NameSpan.Start), max(v.Span.End, v.NameSpan.End)
	for _, e := range v.Elements {
		lo, hi = min(lo, e.Span.Start), max(hi, e.Span.End)
	}
	for i := range v.Fields {
		f := &v.Fields[i]
		lo, hi = min(lo, f.Span.Start, f.ValueSpan.Start), max(hi, f.Span.End, f.ValueSpan.End)
		for _, e := range f.Elements {
			lo, hi = min(lo, e.Span.Start), max(hi, e.Span.End)
		}
	}
	return lo, hi
}
