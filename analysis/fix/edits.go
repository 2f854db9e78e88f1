package fix

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Edits turns a change back into edits of its old content, one per run of
// changed lines (the line diff of Unified), for a client that applies
// edits rather than whole files: an editor keeps its cursor, marks and undo
// history on the lines that did not change. A created file is one insertion.
func Edits(c Change) []diag.Edit {
	if c.Created {
		return []diag.Edit{{Path: c.Path, NewText: string(c.New)}}
	}
	var edits []diag.Edit
	var text strings.Builder
	at, start, open := 0, 0, false
	flush := func() {
		if open {
			edits = append(edits, diag.Edit{Path: c.Path, Span: source.Span{Start: start, End: at}, NewText: text.String()})
			text.Reset()
			open = false
		}
	}
	for _, o := range diffLines(splitLines(c.Old), splitLines(c.New)) {
		if o.kind == opEqual {
			flush()
			at += len(o.text)
			continue
		}
		if !open {
			start, open = at, true
		}
		if o.kind == opDelete {
			at += len(o.text)
		} else {
			text.WriteString(o.text)
		}
	}
	flush()
	return edits
}
