package lsp

import (
	"fmt"
	"maps"
	"sync/atomic"
	"time"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// A hover or quick fix asked while the user types would wait for the
// analysis of the newest key. Most keys only move text: the run to come
// will move the last run's findings through the edit (analysis/moved.go),
// and every answer read from the last run, moved the same way, is the
// answer that run will give. Such requests are answered at once from an
// early view of the last run; any other waits, as before.

// earlyOutcome is the folder's last run seen through the edits the buffer
// at path had since, when they are the only change since that run and the
// run to come would move its findings through them. With shown, the
// buffer's findings that shown accepts (those on the lines a quick fix is
// asked for), given the buffer's line index, are moved too: the others
// are left out, and a finding or fix at the edit makes it wait. why says
// what makes the request wait instead.
func (s *Server) earlyOutcome(path string, shown func(*textpos.Index) func(source.Span) bool) (v *outcome, why string) {
	if noEarlyAnswers.Load() {
		return nil, ""
	}
	s.mu.Lock()
	f := s.ownerLocked(path)
	if f == nil {
		s.mu.Unlock()
		return nil, "no folder owns it"
	}
	o, d := f.last, s.docs[path]
	switch {
	case f.doneGen == f.gen:
		s.mu.Unlock()
		return nil, "" // the last run is current: nothing to wait for
	case o == nil || o.res == nil:
		s.mu.Unlock()
		return nil, "no completed run"
	case f.removed || f.stale || len(f.refresh) > 0 || f.gen-o.gen != f.edits-o.edits:
		s.mu.Unlock()
		return nil, "more than buffer edits changed since the last run"
	case d == nil:
		s.mu.Unlock()
		return nil, "not an open buffer"
	}
	behind := f.edits - o.edits
	var others []*document
	for _, od := range s.docs {
		if od != d && s.ownerLocked(od.path) == f {
			others = append(others, od)
		}
	}
	s.mu.Unlock()

	// Every other buffer is as the run read it: only this one's edits are
	// new. A file open under two names is left to the run.
	rel := f.rel(path)
	old := o.snap.Known(rel)
	if _, ok := o.versions[path]; !ok || len(others)+1 != len(o.versions) || len(o.shadowed) > 0 || old == nil {
		return nil, "the open buffers changed since the last run"
	}
	for _, od := range others {
		v, ok := o.versions[od.path]
		if !ok || od.currentVersion() != v {
			return nil, "another buffer was edited since the last run"
		}
		if other := o.snap.Known(f.rel(od.path)); other != nil && other.Real != "" && other.Real == old.Real {
			return nil, "the file is open under another name"
		}
	}

	content, version, lines, facts := d.state()
	next := &source.File{Path: rel, Content: content, Real: old.Real}
	mv, why := o.res.MoveBuffer(rel, next, facts)
	if why != "" {
		return nil, fmt.Sprintf("%s (%d edits since the last run)", why, behind)
	}
	v = &outcome{
		folder: f, gen: o.gen, edits: o.edits, snap: o.snap, res: o.res, opts: o.opts,
		versions: maps.Clone(o.versions), uris: o.uris, shadowed: o.shadowed,
		indexes: maps.Clone(o.indexes), diags: map[string][]diag.Diagnostic{},
		base: o, since: &mv, texts: map[string][]byte{rel: content},
	}
	v.versions[path] = version
	v.indexes[rel] = lines
	if shown == nil {
		return v, ""
	}
	// The run to come moves every finding with a place in the buffer, or
	// runs the rules, which find again where they were those the edit
	// moved: the findings shown are moved, unless one the rules make anew
	// may be among them (analysis.BufferMove.FindingsOn).
	published := 0
	for i := range o.res.Diagnostics {
		if o.res.Diagnostics[i].Location.Path == rel {
			published++
		}
	}
	if published != len(o.diags[path]) {
		return nil, "its findings are published under other names too"
	}
	onLines := shown(lines)
	keep := func(l source.Location) bool { return l.Path == rel && onLines(l.Span) }
	moved, ok := mv.FindingsOn(o.res.Diagnostics, func(off int) int { return lines.Line(off) + 1 }, keep)
	if !ok {
		return nil, "a finding or fix the run makes anew, from the text at the edit, may be on the lines asked for"
	}
	v.diags[path] = moved
	return v, ""
}

// A hover reads the project model of the run it answers from, which a
// run that moved its findings builds only when asked (10 ms in numpy-hpy,
// where the rest of an early hover takes 1 or 2). While requests read
// models, the worker builds each moved run's model as soon as the run is
// published, before the next key, so that the next hover finds it built.

// modelWanted is how long after a request read a model the worker keeps
// building them.
const modelWanted = 2 * time.Second

// askedModel records that a request read the model of path's folder.
func (s *Server) askedModel(path string) {
	s.mu.Lock()
	if f := s.ownerLocked(path); f != nil {
		f.modelAsked = time.Now()
	}
	s.mu.Unlock()
}

// buildAskedModelAside starts buildAskedModel beside the worker as soon as
// a run is recorded: the model is then built while the worker publishes
// the run's findings (3 to 10 ms in numpy-hpy, 1,200 of them), not after,
// and the hover after the next key finds it built more often.
func (s *Server) buildAskedModelAside(f *folder) {
	if s.ctx.Err() == nil {
		go s.buildAskedModel(f)
	}
}

// buildAskedModel builds the model of f's last run, if it moved its
// findings, no edit came since, and requests read models lately.
func (s *Server) buildAskedModel(f *folder) {
	s.mu.Lock()
	o := f.last
	wanted := o != nil && o.res != nil && o.res.Moved && !f.removed && f.gen == f.doneGen && time.Since(f.modelAsked) < modelWanted
	s.mu.Unlock()
	if wanted {
		o.res.Model()
	}
}

// toModel is the offset in the run's text of a cursor at off in the view's
// text of rel; false when the cursor is at the edit, where a fact can
// start or end in one text and not in the other (but right after inserted
// text, when no fact ended where it was inserted).
func (o *outcome) toModel(rel string, off int) (int, bool) {
	if o.since == nil || rel != o.since.Path {
		return off, true
	}
	e := o.since.Edit
	switch {
	case off < e.Start:
		return off, true
	case off > e.NewEnd:
		return off - (e.NewEnd - e.OldEnd), true
	case off == e.NewEnd && e.Start == e.OldEnd && !o.since.FactEndsAt(e.Start):
		// Right after text inserted (an Enter at the cursor's line
		// start): every fact under the cursor is the one under it before
		// the insertion, moved, but for one that ended there.
		return e.Start, true
	}
	return off, false
}

// fromModel moves a span of the run's text of rel into the view's.
func (o *outcome) fromModel(rel string, sp source.Span) (source.Span, bool) {
	if o.since == nil || rel != o.since.Path {
		return sp, true
	}
	return o.since.Edit.MoveSpan(sp)
}

// traceEarly logs whether a request was answered early, or why it waits
// for the analysis (nothing when there was nothing to wait for), and how
// long deciding took.
func (s *Server) traceEarly(request, path string, early bool, why string, since time.Time) {
	took := time.Since(since).Round(time.Microsecond)
	switch {
	case early:
		s.tracef("%s of %s answered early in %v: the last run's answer, moved through the edits since", request, path, took)
	case why != "":
		s.tracef("%s of %s waits for the analysis (decided in %v): %s", request, path, took, why)
	}
}

// noEarlyAnswers turns early answers off, for a benchmark to compare them
// with waiting in the same run.
var noEarlyAnswers atomic.Bool

// currentVersion is the buffer's version now.
func (d *document) currentVersion() int32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.version
}
