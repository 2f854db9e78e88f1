package analysis

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A finding the run cannot move (a place read from text beside a fact,
// where the edit is) sends the whole run to the rules, and a quick fix
// asked then waited for them, wherever it was asked. The facts are the
// old ones moved all the same, so the rules find every other finding
// where moving puts it: only the findings that cannot be moved are found
// anew, at places made of the moved facts and of the text on the edit's
// lines. A request for other lines can still be answered from the run
// before.

// FindingsOn is the findings of prev's ds that the run after it gives
// where keep accepts them (a few lines of the buffer), moved, whether the
// run moves them or runs the rules: ok is false when a finding keep
// accepts, or one that cannot be moved and may reach what keep accepts
// (from its place to the edit's lines), is to be found anew, or when the
// rules run and keep accepts the edit's lines, where they may find one.
func (m BufferMove) FindingsOn(ds []diag.Diagnostic, line func(off int) int, keep func(source.Location) bool) (moved []diag.Diagnostic, ok bool) {
	fm := findingMover{path: m.Path, edit: m.Edit, touched: m.touched, facts: m.anchors}
	all := true
	for i := range ds {
		d := &ds[i]
		if fm.movable(d) {
			continue
		}
		all = false
		if d.Location.Path == m.Path && keep(source.Location{Path: m.Path, Span: fm.reach(d.Location.Span)}) {
			return nil, false
		}
	}
	// The rules may find something new from the text on the edit's lines.
	if !all && keep(source.Location{Path: m.Path, Span: fm.reach(source.Span{Start: m.Edit.Start, End: m.Edit.Start})}) {
		return nil, false
	}
	// A finding that cannot be moved is not shown: by the checks above,
	// none can reach what keep accepts (where it is now, its place not
	// moved, it may seem to). With all movable, this is Findings, whose
	// verdict the loop above has given.
	moved, cited := fm.moveKept(ds, func(_ string, off int) int { return line(off) }, keep, !all)
	if cited {
		sortFindings(moved)
	}
	return moved, true
}

// reach spans every place a finding at s that cannot be moved may have
// after the edit: s with its ends moved (one in the replaced text at the
// edit's start), widened to the edit's lines and the line after them.
func (m *findingMover) reach(s source.Span) source.Span {
	delta := m.edit.NewEnd - m.edit.OldEnd
	at := func(p int) int {
		switch {
		case p < m.edit.Start:
			return p
		case p >= m.edit.OldEnd:
			return p + delta
		}
		return m.edit.Start
	}
	lines := source.Span{Start: m.touched.Start, End: at(m.touched.End) + 1}
	return source.Span{Start: min(at(s.Start), lines.Start), End: max(at(s.End), lines.End)}
}
