package analysis

import (
	"bytes"
	"context"
	"maps"
	"slices"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/suppress"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// A keystroke in a function body mostly moves text: an Enter, a space, a
// letter in a local name. The facts of the file are then the old ones
// moved, and every rule would conclude what it concluded before, at the
// moved places. Rather than run the rules over the whole project again,
// the previous run's findings are moved through the edit, after checking
// everything a rule reads of the file beside its facts is unchanged too.
// Anything the checks cannot vouch for runs the rules in full.

// runState is what a run leaves for moving its findings in the next one.
type runState struct {
	snap    *source.Snapshot
	options string         // Options.key
	base    *model.Project // the model of the last run made in full
	// texts are the files edited since base was built: their text and
	// facts as of this run.
	texts map[string]movedText
	// rebuild makes this run's model, for a moved run.
	rebuild func() *model.Project
	// carry is what the rules of the last run made in full worked out
	// file by file, scans its text tests: kept through moved runs for the
	// next run of the rules.
	carry *rules.Carry
	scans *model.Scans
	// costs are what the rules of the last run made in full took, for
	// the next run to start the costliest first.
	costs ruleCosts
	// rendered is what that run rendered of its findings' texts.
	rendered *diag.Memo
}

type movedText struct {
	file  *source.File
	facts *cfacts.Facts
}

// text is a file's text and facts as of the run.
func (s *runState) text(path string) (*source.File, *cfacts.Facts) {
	if t, ok := s.texts[path]; ok {
		return t.file, t.facts
	}
	if u := s.base.Unit(path); u != nil {
		return u.File, u.Facts
	}
	return nil, nil
}

// moveResult is prev's findings moved to snap, or nil when some change
// since prev may change what a rule concludes.
func moveResult(prev *Result, snap *source.Snapshot, opts *Options) (*Result, string) {
	switch {
	case prev == nil || prev.state == nil:
		return nil, ""
	case len(prev.Failures) > 0:
		return nil, "the previous run failed"
	case prev.state.options != opts.key():
		return nil, "the settings changed"
	}
	st := *prev.state
	if prev.Moved && prev.ModelReady() {
		// The model of prev's own text is built (a request or an idle
		// moment asked for it): the next moves start from it, and the
		// older model can go.
		st.base, st.texts = prev.Project, nil
	}
	changed, ok := snap.ChangedFrom(st.snap)
	if !ok {
		return nil, "files other than open C buffers changed"
	}
	diags := prev.Diagnostics
	texts := st.texts
	line := newLines(&st, changed, snap)
	relined := false
	for _, p := range changed {
		file, facts := st.text(p)
		next, nextFacts := snap.File(p), opts.Provided[p]
		if facts == nil || nextFacts == nil || snap.Excluded(p) || st.base.Unit(p) == nil {
			return nil, p + " is not an open C buffer the last run parsed"
		}
		e, anchors, why := sharedQuietReading(file, facts, next, nextFacts)
		if why != "" {
			return nil, "the edit of " + p + " " + why
		}
		var cited bool
		if diags, cited, ok = movedFindings(diags, p, e, editLines(file.Content, e), anchors, line); !ok {
			return nil, "a finding in " + p + " lies where the edit is"
		}
		relined = relined || cited
		texts = withText(texts, p, movedText{next, nextFacts})
	}
	if relined {
		sortFindings(diags) // a message sorts by the lines it cites
	}
	res := &Result{Diagnostics: diags, Files: prev.Files, read: prev.read, Moved: true}
	o := *opts
	o.Previous = nil
	// The closure takes only what it needs: st holds the rebuild of the
	// run before, and through it every run before that.
	scans, base := st.scans, st.base
	res.state = &runState{snap: snap, options: st.options, base: st.base, texts: texts, carry: st.carry, costs: st.costs, scans: st.scans, rendered: st.rendered,
		rebuild: func() *model.Project {
			// Scans of its own, from st's: what it scans is of this text
			// only, and st's are kept until the next run of the rules.
			return buildModel(context.Background(), snap, &o, model.NewScans(scans, snap), base).project
		}}
	return res, ""
}

// withText is texts and p's t, texts unchanged: an earlier run keeps its.
func withText(texts map[string]movedText, p string, t movedText) map[string]movedText {
	out := maps.Clone(texts)
	if out == nil {
		out = map[string]movedText{}
	}
	out[p] = t
	return out
}

// quietReading is the first reading of the edit from file to next
// (cfacts.EditsBetween) under which it is quiet, or why none is.
func quietReading(file *source.File, facts *cfacts.Facts, next *source.File, nextFacts *cfacts.Facts) (e cfacts.Edit, anchors cfacts.Anchors, why string) {
	readingsMade.Add(1)
	for _, e = range cfacts.EditsBetween(file.Content, next.Content) {
		if anchors, why = quietEdit(file, facts, next, nextFacts, e); why == "" {
			break
		}
	}
	return e, anchors, why
}

// quietEdit reports whether edit e of a C file changes nothing a rule
// reads: its facts only move; the text tests of the engine and the model
// give what they gave; and the lines the edit touches, with one line on
// either side, keep their preprocessor lines as they were (the shim's
// regions are read from them) and hold no suppression comment (whose line
// would move against its finding's).
// Rules also read text around some facts (to the end of a line, back to
// its start); what they make of it is checked in movedFindings.
func quietEdit(file *source.File, facts *cfacts.Facts, next *source.File, nextFacts *cfacts.Facts, e cfacts.Edit) (anchors cfacts.Anchors, why string) {
	if notSource(next) != "" || unparseable(next) != "" ||
		!model.SameSignals(file.Content, next.Content, e.Start, e.OldEnd, e.NewEnd) ||
		isHeader(file.Path) && cfacts.IsCPlusPlus(file.Content) != cfacts.IsCPlusPlus(next.Content) {
		return cfacts.Anchors{}, "changes what the file is"
	}
	if facts.Truncated && e.OldEnd >= ctoken.LineStart(file.Content, lastLine(file.Content).End) {
		// HPY003 sits on the last line that is not blank, read from the
		// text: an edit there, after it or at the line break before it
		// may make another line the last.
		return cfacts.Anchors{}, "is at the last line of an unfinished file"
	}
	anchors, moved := facts.MovedTo(nextFacts, cfacts.Move{Edit: e, SameComment: quietComments, Window: editLines(file.Content, e)})
	if !moved {
		return cfacts.Anchors{}, "changes its facts"
	}
	lines := around(file.Content, e)
	d := e.NewEnd - e.OldEnd
	nextLines := source.Span{Start: lines.Start, End: lines.End + d}
	if !sameDirectives(file.Content[lines.Start:lines.End], next.Content[nextLines.Start:nextLines.End], blankLinesInserted(file.Content, e, next.Content)) {
		return cfacts.Anchors{}, "changes a preprocessor line"
	}
	var near []source.Comment
	for _, c := range facts.Comments {
		if c.Span.Start < lines.End && c.Span.End > lines.Start {
			near = append(near, c)
		}
	}
	if dirs, problems := suppress.Parse(file.Path, file.Content, near, func(string) bool { return true }); len(dirs)+len(problems) > 0 {
		return cfacts.Anchors{}, "is by a suppression comment"
	}
	if len(facts.Comments) > 0 && e.Start <= facts.Comments[0].Span.Start {
		// The shim header is known by its first comment, with only space
		// before it.
		first := facts.Comments[0].Span.Start
		if (len(bytes.TrimSpace(file.Content[:first])) == 0) != (len(bytes.TrimSpace(next.Content[:first+d])) == 0) {
			return cfacts.Anchors{}, "is before the first comment"
		}
	}
	return anchors, ""
}

// quietComments tells comment texts apart only when one may mean
// something to hpylint.
func quietComments(a, b string) bool {
	return a == b || !suppress.SpeaksToHPylint(a) && !suppress.SpeaksToHPylint(b)
}

// editLines is the span of the lines the edit touches in old, from the
// start of the first to the end of the last (its line break excluded).
func editLines(old []byte, e cfacts.Edit) source.Span {
	return source.Span{Start: lineStart(old, e.Start), End: lineEnd(old, e.OldEnd)}
}

// around is editLines with the line before and the line after.
func around(old []byte, e cfacts.Edit) source.Span {
	s := editLines(old, e)
	if s.Start > 0 {
		s.Start = lineStart(old, s.Start-1)
	}
	if s.End < len(old) {
		s.End = lineEnd(old, s.End+1)
	}
	return s
}

func lineStart(b []byte, off int) int { return bytes.LastIndexByte(b[:off], '\n') + 1 }

func lineEnd(b []byte, off int) int {
	if i := bytes.IndexByte(b[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(b)
}

// sameDirectives reports whether two texts (whole lines: the lines around
// an edit, before and after it) have the same preprocessor lines, no line
// continuation (unless continued says the edit keeps every continuation
// as it was), and no carriage return but in a CRLF line break (a line
// break of its own to the shim's line scanner, not to the line index).
// Facts hold most of what directives say; the shim's regions are read
// from the directive lines themselves.
func sameDirectives(old, next []byte, continued bool) bool {
	return plainBreaks(old, continued) && plainBreaks(next, continued) && slices.Equal(directives(old), directives(next))
}

func plainBreaks(text []byte, continued bool) bool {
	for i, c := range text {
		next := byte('\n')
		if i+1 < len(text) {
			next = text[i+1]
		}
		switch {
		case c == '\\' && (next == '\n' || next == '\r') && !continued:
			return false
		case c == '\r' && next != '\n':
			return false
		}
	}
	return true
}

// blankLinesInserted reports whether edit e of old only inserts blank
// lines at the start of a line that does not continue the one before
// (an Enter at the start of a line, or before a multi-line #define): every
// line keeps its text, but for indentation, and every continued line the
// line it continues, so no directive changes. Only whole line breaks are
// inserted: a lone carriage return would break a line for the shim's line
// scanner and not for the line index.
func blankLinesInserted(old []byte, e cfacts.Edit, next []byte) bool {
	if e.OldEnd != e.Start || e.NewEnd <= e.Start || e.Start == 0 || old[e.Start-1] != '\n' {
		return false
	}
	before := old[:e.Start-1]
	before = bytes.TrimRight(before, " \t\r") // a backslash and blanks continue the line to GCC
	if bytes.HasSuffix(before, []byte("\\")) {
		return false // the line at the edit continues the one before
	}
	text := next[e.Start:e.NewEnd]
	if bytes.IndexByte(text, '\n') < 0 {
		return false
	}
	for i, c := range text {
		switch c {
		case '\n', ' ', '\t':
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// directives are the lines of text that start with '#'.
func directives(text []byte) []string {
	var out []string
	for line := range bytes.Lines(text) {
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' {
			out = append(out, string(bytes.TrimRight(t, "\r\n")))
		}
	}
	return out
}

// newLines gives 1-based lines in snap's text: of the files edited since
// the base model was built from the new text, of the others from the base.
func newLines(st *runState, changed []string, snap *source.Snapshot) func(path string, off int) int {
	indexes := map[string]*textpos.Index{}
	return func(path string, off int) int {
		x := indexes[path]
		if x == nil {
			if _, edited := st.texts[path]; edited || slices.Contains(changed, path) {
				x = textpos.New(snap.File(path).Content)
			} else {
				x = st.base.Lines(path) // the same text as when base was built
			}
			indexes[path] = x
		}
		return x.Line(off) + 1
	}
}

// movedFindings is ds with every place in path moved through e and the
// lines cited there written again (cited says whether any were); false
// when one cannot be moved, or when a fix is where the edit is.
func movedFindings(ds []diag.Diagnostic, path string, e cfacts.Edit, touched source.Span, facts cfacts.Anchors, line func(string, int) int) (out []diag.Diagnostic, cited, ok bool) {
	m := findingMover{path: path, edit: e, touched: touched, facts: facts}
	return m.findings(ds, line, nil)
}

// findings is the verdict over ds (false: one cannot be moved) and those
// of ds that keep accepts at their new location (all of them when keep is
// nil), moved; cited says whether any cites lines of the path.
func (m *findingMover) findings(ds []diag.Diagnostic, line func(string, int) int, keep func(source.Location) bool) (out []diag.Diagnostic, cited, ok bool) {
	for i := range ds {
		if !m.movable(&ds[i]) {
			return nil, false, false
		}
	}
	out, cited = m.moveKept(ds, line, keep, false)
	return out, cited, true
}

// moveKept is those of ds that keep accepts at their new location (all of
// them when keep is nil), moved, leaving out those that cannot be moved
// when unmovable says they may be among ds; cited says whether any cites
// lines of the path.
func (m *findingMover) moveKept(ds []diag.Diagnostic, line func(string, int) int, keep func(source.Location) bool, unmovable bool) (out []diag.Diagnostic, cited bool) {
	if keep == nil {
		out = make([]diag.Diagnostic, 0, len(ds))
	}
	for i := range ds {
		if keep != nil && !keep(m.location(ds[i].Location)) || unmovable && !m.movable(&ds[i]) {
			continue
		}
		d, c := m.move(ds[i], line)
		out, cited = append(out, d), cited || c
	}
	return out, cited
}

// findingMover moves findings through one edit of path, as the run after
// it does. Whether a finding moves is decided apart from moving it, so
// that a request can have the verdict over every finding and pay to move
// only those it shows.
type findingMover struct {
	path    string
	edit    cfacts.Edit
	touched source.Span // the edit's lines in the old text
	facts   cfacts.Anchors
}

// derived reports whether a place may have been found by reading text
// beside a fact (to the end of its line, say), so that it may move
// otherwise than the facts: one that is a fact's moves as it did; any
// other that starts or ends where the edit is, or on its lines where no
// fact starts or ends, is not moved.
func (m *findingMover) derived(s source.Span) bool {
	near := func(p int) bool {
		return p >= m.edit.Start && p <= m.edit.OldEnd || p >= m.touched.Start && p <= m.touched.End && !m.facts.Ends[p]
	}
	// Most places are far from the edit: the fact's is looked up last.
	return (near(s.Start) || near(s.End)) && !m.facts.Spans[s]
}

// span moves a place of a finding; false when the run would not.
func (m *findingMover) span(s source.Span) (source.Span, bool) {
	if m.derived(s) {
		return s, false
	}
	return m.edit.MoveSpan(s)
}

// movable reports whether the run moves d: every place of d in the path
// moves, and no fix is made from text at the edit. It allocates nothing.
func (m *findingMover) movable(d *diag.Diagnostic) bool {
	if d.Location.Path == m.path {
		if _, ok := m.span(d.Location.Span); !ok {
			return false
		}
	}
	for _, c := range d.Lines {
		if c.At.Path == m.path {
			if _, ok := m.edit.MovePoint(c.At.Span.Start); !ok {
				return false
			}
		}
	}
	for _, r := range d.Related {
		if r.Location.Path == m.path {
			if _, ok := m.span(r.Location.Span); !ok {
				return false
			}
		}
	}
	for _, fx := range d.Fixes {
		for _, ed := range fx.Edits {
			if ed.Path != m.path {
				continue
			}
			// A fix is placed by reading the text around facts (after a
			// line, over whole lines) and may write text made from it:
			// one that reaches the lines of the edit, or the start of the
			// line after them, is made again.
			if ed.Span.Start <= m.touched.End+1 && ed.Span.End >= m.touched.Start {
				return false
			}
			if _, ok := m.edit.MoveSpan(ed.Span); !ok {
				return false
			}
		}
	}
	return true
}

// location is where a movable finding's location is after the edit.
func (m *findingMover) location(l source.Location) source.Location {
	if l.Path == m.path {
		l.Span, _ = m.span(l.Span)
	}
	return l
}

// move is a movable d moved (its slices copied before they change), and
// whether it cites lines of the path, which are written again.
func (m *findingMover) move(d diag.Diagnostic, line func(string, int) int) (diag.Diagnostic, bool) {
	d.Location = m.location(d.Location)
	cited := d.CitesLineIn(m.path)
	if cited {
		d.MoveLines(m.path, m.edit.MovePoint, line)
	}
	d.Related = m.movedRelated(d.Related)
	if fixesIn(d.Fixes, m.path) {
		fixes := make([]diag.Fix, len(d.Fixes))
		for j, fx := range d.Fixes {
			fx.Edits = append([]diag.Edit(nil), fx.Edits...)
			for k := range fx.Edits {
				if ed := &fx.Edits[k]; ed.Path == m.path {
					ed.Span, _ = m.edit.MoveSpan(ed.Span)
				}
			}
			fixes[j] = fx
		}
		d.Fixes = fixes
	}
	return d, cited
}

// movedRelated is rs moved, copied only when a place in it moves: a list
// whose places in the file all lie before the edit (a call path from an
// init function above, the first definition of a duplicate) is shared
// with the run before, which never writes it.
func (m *findingMover) movedRelated(rs []diag.Related) []diag.Related {
	copied := false
	for j := range rs {
		moved := m.location(rs[j].Location)
		if moved == rs[j].Location {
			continue
		}
		if !copied {
			rs, copied = slices.Clone(rs), true
		}
		rs[j].Location = moved
	}
	return rs
}

func fixesIn(fs []diag.Fix, path string) bool {
	for _, f := range fs {
		for _, e := range f.Edits {
			if e.Path == path {
				return true
			}
		}
	}
	return false
}
