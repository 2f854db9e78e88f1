package tomldoc

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// tree-sitter's error recovery is token-based and can wrap an unterminated
// string together with the next table header into one ERROR node, losing
// every table after it. TOML is line-oriented, so a better repair is to
// find the line that causes the error and blank it out (offsets stay the
// same), then parse again. The limits keep this cheap on pathological input.
const (
	recoverMaxBytes  = 1 << 20
	recoverBudget    = 200 // reparses per Parse call
	recoverCandidate = 40  // lines tried per error
)

// recoverLines returns a tree with as few errors as blanking whole lines
// achieves. It leaves the blanked content in b.src and records the blanked
// lines.
func (b *builder) recoverLines(p *sitter.Parser, tree *sitter.Tree) *sitter.Tree {
	if len(b.src) > recoverMaxBytes {
		return tree
	}
	score, first := errorScore(tree.RootNode())
	budget := recoverBudget
	for score > 0 && budget > 0 {
		lo, hi := first.lo, first.hi
		var best *sitter.Tree
		var bestSrc []byte
		bestScore, bestLine := score, -1
		for l := lo; l <= hi && l < lo+recoverCandidate && budget > 0; l++ {
			start, end := b.lineSpan(l)
			if isBlank(b.src[start:end]) {
				continue
			}
			cand := blank(b.src, start, end)
			t := p.Parse(cand, nil)
			budget--
			if t == nil {
				continue
			}
			if s, _ := errorScore(t.RootNode()); s < bestScore {
				if best != nil {
					best.Close()
				}
				best, bestSrc, bestScore, bestLine = t, cand, s, l
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
		// blanked line; at the whole line otherwise.
		start, end := b.lineSpan(bestLine)
		at := source.Span{Start: -1}
		if first.span.Start >= start && first.span.End <= end && first.span.Start < first.span.End {
			at = first.span
		}
		b.blanked = append(b.blanked, blankedLine{line: bestLine, at: at})
		score, first = errorScore(tree.RootNode())
	}
	return tree
}

// firstError is where the first ERROR or MISSING node of a tree is.
type firstError struct {
	span   source.Span
	lo, hi int // rows
}

// blankedLine is a line recoverLines blanked; at is the bad token when it
// is known, else has Start -1.
type blankedLine struct {
	line int
	at   source.Span
}

// errorScore measures how broken a tree is (bytes under ERROR nodes plus
// one per ERROR or MISSING node) and locates the first error.
func errorScore(root *sitter.Node) (score int, fe firstError) {
	first := true
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		if !n.HasError() && !n.IsMissing() {
			return
		}
		if n.IsError() || n.IsMissing() {
			score += 1 + int(n.EndByte()-n.StartByte())
			if first {
				first = false
				fe.span = spanOf(n)
				fe.lo, fe.hi = int(n.StartPosition().Row), int(n.EndPosition().Row)
				if fe.hi > fe.lo && n.EndPosition().Column == 0 {
					fe.hi-- // the node ends with a line break
				}
			}
			return
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			walk(n.Child(i))
		}
	}
	walk(root)
	return score, fe
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
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// blank returns a copy of src with [start, end) turned into spaces.
func blank(src []byte, start, end int) []byte {
	out := append([]byte(nil), src...)
	for i := start; i < end; i++ {
		if out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}

// reportBlanked turns each blanked line into a problem and remembers where
// blanked table headers were: the pairs after such a header belong to a
// table nobody can name, and must not be filed under the previous one.
func (b *builder) reportBlanked(orig []byte) {
	for _, bl := range b.blanked {
		start, end := b.lineSpan(bl.line)
		for start < end && isBlank(orig[start:start+1]) {
			start++
		}
		for end > start && isBlank(orig[end-1:end]) {
			end--
		}
		at := bl.at
		if at.Start < 0 {
			at = source.Span{Start: start, End: end}
		}
		b.problemf(at, "syntax error at %s", excerpt(orig[at.Start:at.End]))
		if start < end && orig[start] == '[' {
			b.lostHeaders = append(b.lostHeaders, start)
		}
	}
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
