package diag

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A rule's message that cites a line ("the first is at mod.c:12") holds a
// mark in the line's stead, which the engine renders before the finding
// leaves it, noting where each number went (LineCite). An edit that moves
// the cited line then rewrites the number without running the rule again.

const (
	markOpen  = "\uE000" // private-use runes: no path or message has them
	markClose = "\uE001"
)

// LineMark stands for the 1-based line of loc's start in a message.
func LineMark(loc source.Location) string {
	return markOpen + loc.Path + "\x00" + strconv.Itoa(loc.Span.Start) + markClose
}

// LineCite is a line number written in a finding's text: in the message
// (Text 0), in Related[i]'s message (Text i+1) or in Fixes[i]'s title
// (Text -i-1), at bytes [Start, End), the line of At.
type LineCite struct {
	Text       int
	Start, End int
	At         source.Location
}

// Renderer renders the marks of many findings, each distinct text once:
// thousands of findings can share a message (an include chain's).
type Renderer struct {
	line func(path string, off int) int
	done map[string]rendered
	// From the run before (WithMemo): texts it rendered, taken while the
	// files they cite give the same token.
	prev  *Memo
	token func(path string) any
	// afresh counts the texts rendered rather than found done.
	afresh int
}

// rendered is a text with its marks written, and where (Text unset);
// tokens are those of the cited files when it was rendered (WithMemo).
type rendered struct {
	text   string
	cites  []LineCite
	tokens []any
}

// NewRenderer renders with line giving the 1-based line of an offset.
func NewRenderer(line func(path string, off int) int) *Renderer {
	return &Renderer{line: line, done: map[string]rendered{}}
}

// Render writes the line of every mark in d's texts and notes each in
// d.Lines.
func (r *Renderer) Render(d *Diagnostic) {
	d.Message = r.text(d, 0, d.Message)
	// Each list is read once: the texts before the first with marks
	// render as they are, and HPY209's finding in numpy-hpy has 11,000
	// related places, none with marks, on every key.
	if i := slices.IndexFunc(d.Related, func(x Related) bool { return hasMarks(x.Message) }); i >= 0 {
		d.Related = append([]Related(nil), d.Related...)
		for j := i; j < len(d.Related); j++ {
			d.Related[j].Message = r.text(d, j+1, d.Related[j].Message)
		}
	}
	if i := slices.IndexFunc(d.Fixes, func(x Fix) bool { return hasMarks(x.Title) }); i >= 0 {
		d.Fixes = append([]Fix(nil), d.Fixes...)
		for j := i; j < len(d.Fixes); j++ {
			d.Fixes[j].Title = r.text(d, -j-1, d.Fixes[j].Title)
		}
	}
}

func hasMarks(s string) bool { return strings.Contains(s, markOpen) }

// text renders s, one of d's texts (numbered as LineCite.Text), and notes
// its cites in d.Lines.
func (r *Renderer) text(d *Diagnostic, text int, s string) string {
	if !hasMarks(s) {
		return s
	}
	out, ok := r.done[s]
	if !ok {
		if out, ok = r.prev.take(s, r.token); !ok {
			out = r.render(s)
			r.afresh++
		}
		r.done[s] = out
	}
	for _, c := range out.cites {
		c.Text = text
		d.Lines = append(d.Lines, c)
	}
	return out.text
}

func (r *Renderer) render(s string) rendered {
	var out rendered
	var b strings.Builder
	for {
		i := strings.Index(s, markOpen)
		j := strings.Index(s[max(i, 0):], markClose)
		if i < 0 || j < 0 {
			b.WriteString(s)
			out.text = b.String()
			return out
		}
		path, offText, _ := strings.Cut(s[i+len(markOpen):i+j], "\x00")
		off, _ := strconv.Atoi(offText)
		b.WriteString(s[:i])
		n := strconv.Itoa(r.line(path, off))
		out.cites = append(out.cites, LineCite{Start: b.Len(), End: b.Len() + len(n), At: source.Location{Path: path, Span: source.Span{Start: off, End: off}}})
		if r.token != nil {
			out.tokens = append(out.tokens, r.token(path))
		}
		b.WriteString(n)
		s = s[i+j+len(markClose):]
	}
}

// CitesLineIn reports whether d's texts cite a line of path.
func (d *Diagnostic) CitesLineIn(path string) bool {
	for _, c := range d.Lines {
		if c.At.Path == path {
			return true
		}
	}
	return false
}

// MoveLines moves the places d cites in path and writes their lines
// again, line giving the 1-based line of an offset after the move; false
// when move cannot place one. d's slices are copied before they change.
func (d *Diagnostic) MoveLines(path string, move func(off int) (int, bool), line func(path string, off int) int) bool {
	if !d.CitesLineIn(path) {
		return true
	}
	d.Lines = append([]LineCite(nil), d.Lines...)
	d.Related = append([]Related(nil), d.Related...)
	d.Fixes = append([]Fix(nil), d.Fixes...)
	for i := range d.Lines {
		c := &d.Lines[i]
		if c.At.Path != path {
			continue
		}
		off, ok := move(c.At.Span.Start)
		if !ok {
			return false
		}
		c.At.Span = source.Span{Start: off, End: off}
		n := strconv.Itoa(line(path, off))
		text := d.text(c.Text)
		*text = (*text)[:c.Start] + n + (*text)[c.End:]
		grow := len(n) - (c.End - c.Start)
		c.End += grow
		for j := range d.Lines {
			if o := &d.Lines[j]; j != i && o.Text == c.Text && o.Start >= c.End-grow {
				o.Start, o.End = o.Start+grow, o.End+grow
			}
		}
	}
	return true
}

// text is the text a LineCite's Text names.
func (d *Diagnostic) text(t int) *string {
	switch {
	case t == 0:
		return &d.Message
	case t > 0:
		return &d.Related[t-1].Message
	}
	return &d.Fixes[-t-1].Title
}
