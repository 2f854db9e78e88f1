package cfacts

import "github.com/hpyproject/hpylint/analysis/source"

// spliceFacts returns old's facts moved through the edits, with those
// starting in region replaced by fresh's (see splice.apply); Macros are
// moved only (Document.updateMacros replaces them). Facts that end before
// the first edit cannot move and are copied as they are; nested lists
// of moved facts are moved by distance (ArgList) or, for the few
// variables, copied into one arena. old is
// left untouched: facts handed out are never modified.
//
// This runs on every keystroke over every fact of the file, so it is
// written per type rather than by reflection; TestSpliceMovesEverySpan
// checks it against a reflective walk, so a span field added to a fact
// type and forgotten here fails the tests.
func spliceFacts(old *Facts, edits []shiftMap, fresh *Facts, region *source.Span) *Facts {
	sh := newShifter(edits)
	if fresh == nil {
		fresh = &Facts{}
	}
	out := &Facts{Lang: old.Lang, SyntaxErrors: old.SyntaxErrors, Truncated: old.Truncated, Unfinished: old.Unfinished, UnfinishedAt: old.UnfinishedAt}
	out.Macros = macroSplice.apply(old.Macros, nil, sh, nil)
	out.Variables = variableSplice.apply(old.Variables, fresh.Variables, sh, region)
	out.Functions = functionSplice.apply(old.Functions, fresh.Functions, sh, region)
	out.Includes = includeSplice.apply(old.Includes, fresh.Includes, sh, region)
	out.Defines = defineSplice.apply(old.Defines, fresh.Defines, sh, region)
	out.Comments = commentSplice.apply(old.Comments, fresh.Comments, sh, region)
	out.Calls = callSplice.apply(old.Calls, fresh.Calls, sh, region)
	out.Refs = refSplice.apply(old.Refs, fresh.Refs, sh, region)
	out.Typedefs = typedefSplice.apply(old.Typedefs, fresh.Typedefs, sh, region)
	out.Conditionals = conditionalSplice.apply(old.Conditionals, fresh.Conditionals, sh, region)
	out.Assigns = assignSplice.apply(old.Assigns, fresh.Assigns, sh, region)
	out.ModuleSlots = moduleSlotSplice.apply(old.ModuleSlots, fresh.ModuleSlots, sh, region)
	out.StatementMacros = statementMacroSplice.apply(old.StatementMacros, fresh.StatementMacros, sh, region)
	out.MethodCalls = methodCallSplice.apply(old.MethodCalls, fresh.MethodCalls, sh, region)
	out.ThreadObjects = threadObjectSplice.apply(old.ThreadObjects, fresh.ThreadObjects, sh, region)
	return out
}

var functionSplice = splice[Function]{
	start: func(f *Function) int { return f.Span.Start },
	end:   func(f *Function) int { return maxEnd(f.Span, f.NameSpan, f.Body) },
	move:  func(f *Function, sh *shifter) { sh.spans(&f.Span, &f.NameSpan, &f.Body) },
}

var includeSplice = splice[Include]{
	start: func(i *Include) int { return i.Span.Start },
	end:   func(i *Include) int { return maxEnd(i.Span, i.PathSpan) },
	move:  func(i *Include, sh *shifter) { sh.spans(&i.Span, &i.PathSpan) },
}

var defineSplice = splice[Define]{
	start: func(d *Define) int { return d.Span.Start },
	end:   func(d *Define) int { return maxEnd(d.Span, d.NameSpan) },
	move:  func(d *Define, sh *shifter) { sh.spans(&d.Span, &d.NameSpan) },
}

var commentSplice = splice[source.Comment]{
	start: func(c *source.Comment) int { return c.Span.Start },
	end:   func(c *source.Comment) int { return c.Span.End },
	move:  func(c *source.Comment, sh *shifter) { sh.spans(&c.Span) },
}

var callSplice = splice[Call]{
	start: func(c *Call) int { return c.Span.Start },
	end:   func(c *Call) int { return maxEnd(c.Span, c.NameSpan) },
	move: func(c *Call, sh *shifter) {
		sh.spans(&c.Span, &c.NameSpan)
		c.Args = sh.argList(c.Args)
	},
}

var refSplice = splice[Ref]{
	start: func(r *Ref) int { return r.Span.Start },
	end:   func(r *Ref) int { return r.Span.End },
	move:  func(r *Ref, sh *shifter) { sh.spans(&r.Span) },
}

var typedefSplice = splice[Typedef]{
	start: func(t *Typedef) int { return t.Span.Start },
	end:   func(t *Typedef) int { return t.Span.End },
	move:  func(t *Typedef, sh *shifter) { sh.spans(&t.Span) },
}

var conditionalSplice = splice[Conditional]{
	start: func(c *Conditional) int { return c.Then.Start },
	end:   func(c *Conditional) int { return maxEnd(c.Then, c.Else) },
	move:  func(c *Conditional, sh *shifter) { sh.spans(&c.Then, &c.Else) },
}

var assignSplice = splice[Assign]{
	start: func(a *Assign) int { return a.Span.Start },
	end:   func(a *Assign) int { return maxEnd(a.Span, a.TargetSpan, a.Value) },
	move:  func(a *Assign, sh *shifter) { sh.spans(&a.Span, &a.TargetSpan, &a.Value) },
}

var moduleSlotSplice = splice[ModuleSlot]{
	start: func(s *ModuleSlot) int { return s.Span.Start },
	end:   func(s *ModuleSlot) int { return maxEnd(s.Span, s.FuncSpan) },
	move:  func(s *ModuleSlot, sh *shifter) { sh.spans(&s.Span, &s.FuncSpan) },
}

var statementMacroSplice = splice[StatementMacro]{
	start: func(s *StatementMacro) int { return s.Span.Start },
	end:   func(s *StatementMacro) int { return s.Span.End },
	move:  func(s *StatementMacro, sh *shifter) { sh.spans(&s.Span) },
}

var methodCallSplice = splice[MethodCall]{
	start: func(c *MethodCall) int { return c.Span.Start },
	end:   func(c *MethodCall) int { return maxEnd(c.Span, c.NameSpan) },
	move: func(c *MethodCall, sh *shifter) {
		sh.spans(&c.Span, &c.NameSpan)
		c.Args = sh.argList(c.Args)
	},
}

var threadObjectSplice = splice[ThreadObject]{
	start: func(t *ThreadObject) int { return t.Span.Start },
	end:   func(t *ThreadObject) int { return maxEnd(t.Span, t.NameSpan) },
	move:  func(t *ThreadObject, sh *shifter) { sh.spans(&t.Span, &t.NameSpan) },
}

var macroSplice = splice[MacroCall]{
	start: func(m *MacroCall) int { return m.Span.Start },
	end:   func(m *MacroCall) int { return maxEnd(m.Span, m.NameSpan) },
	move: func(m *MacroCall, sh *shifter) {
		sh.spans(&m.Span, &m.NameSpan)
		m.Args = sh.argList(m.Args)
	},
}

var variableSplice = splice[Variable]{
	start: func(v *Variable) int { return v.Span.Start },
	end:   func(v *Variable) int { return maxEnd(v.Span, v.NameSpan) },
	move: func(v *Variable, sh *shifter) {
		sh.spans(&v.Span, &v.NameSpan)
		v.Elements = sh.args(v.Elements)
		if v.Fields != nil {
			fields := make([]Field, len(v.Fields))
			copy(fields, v.Fields)
			for i := range fields {
				sh.spans(&fields[i].Span, &fields[i].ValueSpan)
				fields[i].Elements = sh.args(fields[i].Elements)
			}
			v.Fields = fields
		}
	},
}

func maxEnd(spans ...source.Span) int {
	end := -1
	for _, s := range spans {
		end = max(end, s.End)
	}
	return end
}

// shifter moves spans through edits and copies nested argument lists into
// an arena, one allocation for many facts.
type shifter struct {
	edits []shiftMap
	first int // the least offset an edit starts at
	arena []Arg
}

func newShifter(edits []shiftMap) *shifter {
	first := int(^uint(0) >> 1)
	for _, m := range edits {
		first = min(first, m.start)
	}
	return &shifter{edits: edits, first: first}
}

func (s *shifter) pos(p int) int {
	for _, m := range s.edits {
		p = m.pos(p)
	}
	return p
}

func (s *shifter) spans(spans ...*source.Span) {
	for _, p := range spans {
		for _, m := range s.edits {
			p.Start, p.End = m.pos(p.Start), m.pos(p.End)
		}
	}
}

// argList moves a list by the distance the text moved when every edit lies
// wholly before or after it, which holds for every fact outside the region
// read again; any other list is copied with each span moved.
func (s *shifter) argList(l ArgList) ArgList {
	if len(l.args) == 0 {
		return l
	}
	lo, hi := l.hull()
	shift := 0
	for _, m := range s.edits {
		switch {
		case hi <= m.start: // the edit is after the list
		case lo >= m.oldEnd && lo > m.start: // and here before it
			d := m.newEnd - m.oldEnd
			lo, hi, shift = lo+d, hi+d, shift+d
		default:
			out := l.Slice()
			for i := range out {
				s.spans(&out[i].Span)
			}
			return ArgList{args: out}
		}
	}
	return ArgList{args: l.args, shift: l.shift + shift}
}

// args returns a shifted copy of a (an empty list is shared: nothing to
// move). The copy's capacity ends at its length, so appending to it never
// writes into the arena.
func (s *shifter) args(a []Arg) []Arg {
	if len(a) == 0 {
		return a
	}
	if cap(s.arena)-len(s.arena) < len(a) {
		s.arena = make([]Arg, 0, max(4096, len(a)))
	}
	at := len(s.arena)
	s.arena = append(s.arena, a...)
	out := s.arena[at:len(s.arena):len(s.arena)]
	for i := range out {
		s.spans(&out[i].Span)
	}
	return out
}
