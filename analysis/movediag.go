package analysis

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A language server answers a request from its last run while the run of
// the newest keystroke is still to come. When the coming run would only
// move the last one's findings, the answer can be read from the last run
// and moved the same way, without waiting. These are moveResult's steps
// for one edited buffer, for a caller that knows it is the only change
// since the run (same options, no other file changed).

// BufferMove is how the run after prev takes the change of one open C
// buffer: the edit it moves prev's findings through.
type BufferMove struct {
	Path string
	Edit cfacts.Edit
	// touched are the edit's lines in the old text; anchors the facts'
	// places there (moved.go's movedFindings reads both).
	touched source.Span
	anchors cfacts.Anchors
}

// MoveBuffer reports how a run given prev as Options.Previous, with the
// options prev had, takes path's text becoming next with facts nextFacts
// when nothing else changed: why is "" when it would move prev's findings
// through the returned edit, else why it would run the rules.
func (prev *Result) MoveBuffer(path string, next *source.File, nextFacts *cfacts.Facts) (BufferMove, string) {
	switch {
	case prev == nil || prev.state == nil:
		return BufferMove{}, "no previous run"
	case len(prev.Failures) > 0:
		return BufferMove{}, "the previous run failed"
	}
	st := prev.state
	file, facts := st.text(path)
	if file == nil || facts == nil || nextFacts == nil || st.snap.Excluded(path) || st.base.Unit(path) == nil {
		return BufferMove{}, path + " is not an open C buffer the last run parsed"
	}
	e, anchors, why := sharedQuietReading(file, facts, next, nextFacts)
	if why != "" {
		return BufferMove{}, "the edit of " + path + " " + why
	}
	return BufferMove{Path: path, Edit: e, touched: editLines(file.Content, e), anchors: anchors}, ""
}

// Findings is the run's verdict on prev's findings ds (ok is false when
// it would run the rules instead, which any finding with a place in the
// buffer can decide) and those of them that keep accepts at their new
// location, moved as the run moves them and in the order it gives them.
// line gives the 1-based line of an offset of the buffer's new text.
// Only the findings kept are copied: a request that shows those on a few
// lines pays for those, not for the 1,200 of a numpy-hpy file.
func (m BufferMove) Findings(ds []diag.Diagnostic, line func(off int) int, keep func(source.Location) bool) (moved []diag.Diagnostic, ok bool) {
	fm := findingMover{path: m.Path, edit: m.Edit, touched: m.touched, facts: m.anchors}
	moved, cited, ok := fm.findings(ds, func(_ string, off int) int { return line(off) }, keep)
	if !ok {
		return nil, false
	}
	if cited {
		// The run sorts all of its findings again; a stable sort keeps
		// any subset in the same order.
		sortFindings(moved)
	}
	return moved, true
}

// FactEndsAt reports whether a fact's place in the old text ends at off,
// an offset on the edit's lines (its start, say): of two cursors at the
// same byte, the one after inserted text and the one before it, only such
// a place (a name the cursor was at the end of) is under one and not the
// other.
func (m BufferMove) FactEndsAt(off int) bool {
	for s := range m.anchors.Spans {
		if s.End == off {
			return true
		}
	}
	return false
}
