package cfacts

import (
	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Whether a name is declared (readRefs, declaresName) depends on the
// non-blank byte before it and the one after it, which can belong to the
// item next to it: `#0` on the line above a name left alone on its line
// makes it follow a word, `# ` does not. A key that edits one item then
// changes the reading of a name in the next one, whose tree it leaves as
// it was: the region read again reaches over the blanks around it to the
// name on either side.

// withNeighbourNames widens region over the blanks after it to the next
// token, and over the blanks before it to the start of the name that ends
// there, if one does. The names after an edited item are the ones seen to
// change (TestKeyBesideANameRereadsIt); a name before one reads the byte
// after it the same way, and costs as little to read again.
func withNeighbourNames(src []byte, region source.Span) source.Span {
	out := region
	if end, _ := ctoken.SkipSpace(src, min(region.End, len(src))); end < len(src) {
		out.End = max(out.End, end)
	}
	start := min(region.Start, len(src))
	for start > 0 && ctoken.IsSpace(src[start-1]) {
		start--
	}
	if start > 0 && ctoken.IsIdentPart(src[start-1]) {
		for start > 0 && ctoken.IsIdentPart(src[start-1]) {
			start--
		}
		out.Start = min(out.Start, start)
	}
	return out
}
