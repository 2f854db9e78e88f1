package fix

import (
	"bytes"
	"sort"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// Apply returns content with edits applied in one pass. Edits are ordered by
// start offset; at one offset insertions go first, in the order given. The
// caller ensures that no two edits share bytes (Compute does); an edit that
// starts inside an earlier one is dropped rather than corrupting the text.
func Apply(content []byte, edits []diag.Edit) []byte {
	sorted := append([]diag.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Span, sorted[j].Span
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return isInsert(a) && !isInsert(b)
	})
	var out bytes.Buffer
	out.Grow(len(content))
	pos := 0
	for _, e := range sorted {
		if e.Span.Start < pos || e.Span.End > len(content) {
			continue
		}
		out.Write(content[pos:e.Span.Start])
		out.WriteString(e.NewText)
		pos = e.Span.End
	}
	out.Write(content[pos:])
	return out.Bytes()
}
