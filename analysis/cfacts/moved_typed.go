package cfacts

import (
	"slices"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A keystroke in the language server compares every fact of the file
// twice (the early answer to a request, then the run): in a 1 MB file the
// reflective walk (moving.same) took 2.5 ms of it. These are the same
// comparisons written per type. TestTypedMovedToEqualsTheReflectiveWalk
// checks them against moving.same on random edits, and
// TestTypedComparesSeeEveryField fails when a fact type gains a field
// these do not compare.

// facts compares two sets of facts field by field, as moving.same does.
func (m *moving) facts(a, b *Facts) bool {
	if (a.Gap == nil) != (b.Gap == nil) || a.Gap != nil && !m.gap(a.Gap, b.Gap) {
		return false
	}
	// Rules read only whether there are syntax errors: the count after
	// incremental edits need not be a fresh parse's.
	if (a.SyntaxErrors > 0) != (b.SyntaxErrors > 0) {
		return false
	}
	return a.Lang == b.Lang && a.Truncated == b.Truncated && a.Unfinished == b.Unfinished && m.unfinishedAt(a, b) &&
		each(m, a.Macros, b.Macros, (*moving).macro) &&
		each(m, a.Variables, b.Variables, (*moving).variable) &&
		each(m, a.Functions, b.Functions, (*moving).function) &&
		each(m, a.Includes, b.Includes, (*moving).include) &&
		each(m, a.Defines, b.Defines, (*moving).define) &&
		each(m, a.Comments, b.Comments, (*moving).comment) &&
		m.callList(a.Calls, b.Calls) &&
		m.refs(a.Refs, b.Refs) &&
		each(m, a.Typedefs, b.Typedefs, (*moving).typedef) &&
		each(m, a.Conditionals, b.Conditionals, (*moving).conditional) &&
		each(m, a.Assigns, b.Assigns, (*moving).assign) &&
		each(m, a.ModuleSlots, b.ModuleSlots, (*moving).moduleSlot) &&
		each(m, a.StatementMacros, b.StatementMacros, (*moving).statementMacro) &&
		each(m, a.MethodCalls, b.MethodCalls, (*moving).methodCall) &&
		each(m, a.ThreadObjects, b.ThreadObjects, (*moving).threadObject)
}

// each compares two lists element by element; a nil list and an empty one
// are alike, as for the reflective walk.
func each[T any](m *moving, a, b []T, same func(*moving, *T, *T) bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !same(m, &a[i], &b[i]) {
			return false
		}
	}
	return true
}

// spans compares pairs of spans: a[i] with b[i].
func (m *moving) spans(pairs ...*source.Span) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !m.span(pairs[i], pairs[i+1]) {
			return false
		}
	}
	return true
}

func (m *moving) gap(a, b *ParseGap) bool {
	return a.Cause == b.Cause && a.Lost == b.Lost && a.FileScope == b.FileScope && a.Preprocessor == b.Preprocessor &&
		m.span(&a.Span, &b.Span)
}

func (m *moving) arg(a, b *Arg) bool {
	return a.Text == b.Text && m.span(&a.Span, &b.Span)
}

func (m *moving) macro(a, b *MacroCall) bool {
	return a.Name == b.Name && m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span) && m.args(&a.Args, &b.Args)
}

func (m *moving) field(a, b *Field) bool {
	return a.Name == b.Name && a.Value == b.Value && m.spans(&a.Span, &b.Span, &a.ValueSpan, &b.ValueSpan) &&
		each(m, a.Elements, b.Elements, (*moving).arg)
}

func (m *moving) variable(a, b *Variable) bool {
	return a.Type == b.Type && a.Name == b.Name && a.Static == b.Static && a.Extern == b.Extern &&
		a.Defined == b.Defined && a.Array == b.Array &&
		m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span) &&
		each(m, a.Fields, b.Fields, (*moving).field) && each(m, a.Elements, b.Elements, (*moving).arg)
}

func (m *moving) function(a, b *Function) bool {
	return a.Name == b.Name && a.Static == b.Static && m.SameComment(a.Preceding, b.Preceding) &&
		m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span, &a.Body, &b.Body)
}

func (m *moving) include(a, b *Include) bool {
	return a.Path == b.Path && a.System == b.System && m.spans(&a.Span, &b.Span, &a.PathSpan, &b.PathSpan)
}

func (m *moving) define(a, b *Define) bool {
	return a.Name == b.Name && m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span)
}

func (m *moving) comment(a, b *source.Comment) bool {
	return m.span(&a.Span, &b.Span) && m.SameComment(a.Text, b.Text)
}

func (m *moving) typedef(a, b *Typedef) bool {
	return a.Name == b.Name && m.span(&a.Span, &b.Span)
}

func (m *moving) conditional(a, b *Conditional) bool {
	return a.Macro == b.Macro && a.Defined == b.Defined && slices.Equal(a.Or, b.Or) && m.spans(&a.Then, &b.Then, &a.Else, &b.Else)
}

func (m *moving) assign(a, b *Assign) bool {
	return a.Target == b.Target && m.spans(&a.TargetSpan, &b.TargetSpan, &a.Span, &b.Span, &a.Value, &b.Value)
}

func (m *moving) moduleSlot(a, b *ModuleSlot) bool {
	return a.Slot == b.Slot && a.Func == b.Func && m.spans(&a.Span, &b.Span, &a.FuncSpan, &b.FuncSpan)
}

func (m *moving) statementMacro(a, b *StatementMacro) bool {
	return a.Name == b.Name && m.span(&a.Span, &b.Span)
}

func (m *moving) methodCall(a, b *MethodCall) bool {
	return a.Receiver == b.Receiver && a.Name == b.Name && m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span) &&
		m.args(&a.Args, &b.Args)
}

func (m *moving) threadObject(a, b *ThreadObject) bool {
	return a.Type == b.Type && a.Name == b.Name && m.spans(&a.NameSpan, &b.NameSpan, &a.Span, &b.Span)
}
