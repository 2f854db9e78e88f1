package pyproject

import (
	"bytes"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/tomldoc"
)

func (r *reader) buildSystem() {
	bs, ok := r.doc.Lookup("build-system")
	if !ok {
		return
	}
	if bs.Kind != tomldoc.KindTable {
		r.typeProblem(bs, "build-system", "a table")
		return
	}
	r.f.HasBuildSystem = true
	req, ok := bs.Table.Get("requires")
	if !ok {
		return
	}
	if req.Kind != tomldoc.KindArray {
		r.typeProblem(req, "[build-system] requires", "an array of strings")
		return
	}
	list := &buildcfg.RequirementList{Span: req.Span}
	for _, e := range req.Elems {
		if e.Kind != tomldoc.KindString {
			r.typeProblem(e, "[build-system] requires entry", "a string")
			continue
		}
		if name := buildcfg.RequirementName(e.Str); name != "" {
			list.Entries = append(list.Entries, buildcfg.Requirement{Name: name, Span: e.Span})
		}
	}
	list.InsertAt, list.InsertText = r.insertion(req)
	r.f.BuildRequires = list
}

// insertion decides where and how a new "NAME" entry is added to an array
// so that the result looks as if the author had written it: same quotes,
// and in a one-entry-per-line array, a new line with the same indentation.
func (r *reader) insertion(arr *tomldoc.Value) (int, string) {
	closing := arr.Span.End - 1 // the array literal ends with "]"
	if len(arr.Elems) == 0 {
		return arr.Span.Start + 1, `"NAME"`
	}
	last := arr.Elems[len(arr.Elems)-1]
	q := `"`
	if last.Quote == `'` {
		q = `'`
	}
	entry := q + "NAME" + q
	hasComma := arr.TrailingComma != (source.Span{})
	if !r.multiline(arr) {
		if hasComma {
			return arr.TrailingComma.End, " " + entry + ","
		}
		return last.Span.End, ", " + entry
	}
	indent := r.indentOf(last.Span.Start)
	if hasComma {
		// Add a whole line before the closing bracket when it sits on its
		// own line, so comments after the last entry stay where they are.
		if ls := r.lineStart(closing); r.blank(ls, closing) {
			return ls, indent + entry + ",\n"
		}
		return arr.TrailingComma.End, "\n" + indent + entry + ","
	}
	return last.Span.End, ",\n" + indent + entry
}

// multiline reports whether the array's entries are on separate lines from
// its brackets.
func (r *reader) multiline(arr *tomldoc.Value) bool {
	return bytes.IndexByte(r.src[arr.Span.Start:arr.Span.End], '\n') >= 0
}

func (r *reader) lineStart(off int) int {
	return bytes.LastIndexByte(r.src[:off], '\n') + 1
}

func (r *reader) blank(from, to int) bool {
	return len(bytes.Trim(r.src[from:to], " \t")) == 0
}

// indentOf returns the leading blanks of the line holding off.
func (r *reader) indentOf(off int) string {
	ls := r.lineStart(off)
	i := ls
	for i < off && (r.src[i] == ' ' || r.src[i] == '\t') {
		i++
	}
	return string(r.src[ls:i])
}
