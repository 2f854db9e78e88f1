package tomldoc

import (
	"fmt"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// tree-sitter's error recovery is token-based: an unterminated string can
// swallow the next table header, and an unclosed array takes the "]" of the
// next header as its own, filing the following pairs under the wrong table.
// TOML is line-oriented, so a better repair is to find the lines that cause
// the error and blank them out (offsets stay the same), then parse again.
// The limits keep this cheap and deterministic on pathological input:
// tree-sitter's own recovery is superlinear on garbage (5,000 garbage lines
// take seconds to parse once), so files where errors cover many lines are
// not retried at all.
const (
	recoverMaxErrorLines = 40      // more than this: not a TOML file being edited
	recoverBudget        = 2 << 20 // bytes reparsed per Parse call, in total
	recoverMaxReparses   = 64
)

// lineRange is a range of 0-based lines, both ends included.
type lineRange struct{ first, last int }

// blankedLines are lines recoverLines blanked; at is the bad token when
// it is known, else has Start -1.
type blankedLines struct {
	lines lineRange
	at    source.Span
}

// firstError is where the first ERROR or MISSING node of a tree is.
type firstError struct {
	span   source.Span
	lo, hi int // rows
	// pairRow is the first row of the pair the error is in, or -1.
	pairRow int
}

// recoverLines returns a tree with as few errors as blanking lines
// achieves. It leaves the blanked content in b.src and records the blanked
// lines.
func (b *builder) recoverLines(parse func([]byte) *sitter.Tree, tree *sitter.Tree) *sitter.Tree {
	score, lines, first := b.errorScore(tree.RootNode())
	if lines > recoverMaxErrorLines {
		return tree
	}
	budget, reparses := recoverBudget, recoverMaxReparses
	for score > 0 && budget >= len(b.src) && reparses > 0 {
		var best *sitter.Tree
		var bestSrc []byte
		bestScore, bestRange := score, lineRange{}
		for _, r := range candidates(first) {
			if budget < len(b.src) || reparses <= 0 {
				break
			}
			start, _ := b.lineSpan(r.first)
			_, end := b.lineSpan(r.last)
			if isBlank(b.src[start:end]) {
				continue
			}
			cand := blank(b.src, start, end)
			t := parse(cand)
			budget -= len(cand)
			reparses--
			if t == nil {
				continue
			}
			// Strictly better only: on a tie the earlier, smaller repair wins.
			if s, _, _ := b.errorScore(t.RootNode()); s < bestScore {
				if best != nil {
					best.Close()
				}
				best, bestSrc, bestScore, bestRange = t, cand, s, r
			} else {
				t.Close()
			}
		}
		if best == nil {
			break
		}
		tree.Close()
		tree, b.src = best, bestSrc
		// Point at the bad token when the error was confined to the
		// blanked lines; at the lines otherwise.
		start, _ := b.lineSpan(bestRange.first)
		_, end := b.lineSpan(bestRange.last)
		at := source.Span{Start: -1}
		if first.span.Start >= start && first.span.End <= end && first.span.Start < first.span.End && first.lo == first.hi {
			at = first.span
		}
		b.blanked = append(b.blanked, blankedLines{lines: bestRange, at: at})
		score, _, first = b.errorScore(tree.RootNode())
	}
	return tree
}

// candidates lists the line ranges worth blanking for an error, smallest
// first: each line the error covers, then the lines of the enclosing pair
// before the error (an unclosed array or string starts there).
func candidates(fe firstError) []lineRange {
	var out []lineRange
	for l := fe.lo; l <= fe.hi; l++ {
		out = append(out, lineRange{l, l})
	}
	if fe.pairRow >= 0 {
		for l := fe.pairRow; l < fe.lo; l++ {
			out = append(out, lineRange{fe.pairRow, l})
		}
	}
	return out
}

// errorScore measures how broken a tree is (bytes under ERROR nodes plus
// one per ERROR or MISSING node), how many lines the errors cover, and
// locates the first error.
func (b *builder) errorScore(root *sitter.Node) (score, lines int, fe firstError) {
	first := true
	var walk func(n *sitter.Node, pairRow int)
	walk = func(n *sitter.Node, pairRow int) {
		if !n.HasError() && !n.IsMissing() {
			return
		}
		if n.IsError() || n.IsMissing() {
			score += 1 + int(n.EndByte()-n.StartByte())
			lo, hi := int(n.StartPosition().Row), int(n.EndPosition().Row)
			if hi > lo && n.EndPosition().Column == 0 {
				hi-- // the node ends with a line break
			}
			lines += 1 + hi - lo
			if first {
				first = false
				fe = firstError{span: spanOf(n), lo: lo, hi: hi, pairRow: pairRow}
			}
			return
		}
		if n.Kind() == "pair" && pairRow < 0 {
			pairRow = int(n.StartPosition().Row)
		}
		for _, c := range b.w.kids(n) {
			walk(&c.node, pairRow)
		}
	}
	walk(root, -1)
	return score, lines, fe
}

// lineSpan returns the offsets of 0-based line l without its line break.
func (b *builder) lineSpan(l int) (int, int) {
	lines := b.doc.lines
	if l < 0 || l >= len(lines) {
		return len(b.src), len(b.src)
	}
	start, end := lines[l], len(b.src)
	if l+1 < len(lines) {
		end = lines[l+1] - 1
	}
	return start, end
}

func isBlank(text []byte) bool {
	for _, c := range text {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// blank returns a copy of src with [start, end) turned into spaces, line
// breaks kept.
func blank(src []byte, start, end int) []byte {
	out := append([]byte(nil), src...)
	for i := start; i < end; i++ {
		if out[i] != '\r' && out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

// reportBlanked turns each blanked range into a problem and remembers
// where blanked table headers were: the pairs after such a header belong
// to a table nobody can name, and must not be filed under the previous one.
func (b *builder) reportBlanked(orig []byte) {
	for _, bl := range b.blanked {
		for l := bl.lines.first; l <= bl.lines.last; l++ {
			if s, e := trimmedLine(b, orig, l); s < e && orig[s] == '[' {
				b.lostHeaders = append(b.lostHeaders, s)
			}
		}
		start, end := trimmedLine(b, orig, bl.lines.first)
		at := bl.at
		if at.Start < 0 {
			_, lastEnd := trimmedLine(b, orig, bl.lines.last)
			at = source.Span{Start: start, End: max(end, lastEnd)}
		}
		msg := fmt.Sprintf("syntax error at %s", excerpt(orig[at.Start:at.End]))
		if bl.lines.last > bl.lines.first {
			msg += fmt.Sprintf(" (lines %d-%d skipped)", bl.lines.first+1, bl.lines.last+1)
		}
		b.problemf(at, "%s", msg)
	}
}

// trimmedLine returns line l's offsets without surrounding blanks.
func trimmedLine(b *builder, orig []byte, l int) (int, int) {
	start, end := b.lineSpan(l)
	for start < end && isBlank(orig[start:start+1]) {
		start++
	}
	for end > start && isBlank(orig[end-1:end]) {
		end--
	}
	return start, end
}

// lost reports whether a blanked header lies between the start of the
// current table (-1 for the root) and off.
func (b *builder) lost(tableStart, off int) bool {
	for _, h := range b.lostHeaders {
		if h > tableStart && h < off {
			return true
		}
	}
	return false
}
