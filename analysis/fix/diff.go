package fix

import (
	"bytes"
	"fmt"
	"strings"
)

// contextLines is how many unchanged lines surround each hunk, as in
// diff -u and git diff.
const contextLines = 3

// maxEditDistance bounds the line diff's work: past it (a file rewritten
// almost completely) the changed middle becomes one hunk, which is still a
// correct diff, only not a minimal one. The search keeps O(D²) ints.
const maxEditDistance = 2000

// Unified renders a change as a unified diff headed --- a/path and
// +++ b/path (--- /dev/null for a new file), as patch -p1 and git apply read
// it. It returns "" when the content does not change.
func Unified(c Change) string {
	if !c.Created && bytes.Equal(c.Old, c.New) {
		return ""
	}
	var b strings.Builder
	from := quotePath("a/" + c.Path)
	if c.Created {
		from = "/dev/null"
	}
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", from, quotePath("b/"+c.Path))
	ops := diffLines(splitLines(c.Old), splitLines(c.New))
	writeHunks(&b, ops)
	return b.String()
}

type opKind int8

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

type op struct {
	kind opKind
	text string // the line, with its newline when it has one
}

// splitLines cuts content after each newline; the last line may lack one.
func splitLines(content []byte) []string {
	var out []string
	for len(content) > 0 {
		i := bytes.IndexByte(content, '\n')
		if i < 0 {
			out = append(out, string(content))
			break
		}
		out = append(out, string(content[:i+1]))
		content = content[i+1:]
	}
	return out
}

// diffLines is the edit script from a to b: the common prefix and suffix,
// and between them Myers' shortest edit script (or, past
// maxEditDistance, all of a's middle deleted and b's inserted).
func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{opEqual, l})
	}
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if mid, ok := myers(midA, midB); ok {
		ops = append(ops, mid...)
	} else {
		for _, l := range midA {
			ops = append(ops, op{opDelete, l})
		}
		for _, l := range midB {
			ops = append(ops, op{opInsert, l})
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{opEqual, l})
	}
	return ops
}

// myers finds a shortest edit script (E. Myers, "An O(ND) difference
// algorithm", 1986), keeping each round's frontier to walk back the path.
func myers(a, b []string) ([]op, bool) {
	// Lines compared as small ints: one map lookup per line instead of a
	// string comparison per step.
	ids := map[string]int{}
	id := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			v, ok := ids[l]
			if !ok {
				v = len(ids)
				ids[l] = v
			}
			out[i] = v
		}
		return out
	}
	x, y := id(a), id(b)
	n, m := len(x), len(y)
	limit := n + m
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int // trace[d][k+d]: the frontier before round d
	for d := 0; d <= limit; d++ {
		if d > maxEditDistance {
			return nil, false
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1] // down: insert b's line
			} else {
				i = v[off+k-1] + 1 // right: delete a's line
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if i >= n && j >= m {
				return backtrack(a, b, trace, d), true
			}
		}
	}
	return nil, false // unreachable: d = n+m always ends
}

// backtrack walks from the end back to (0, 0) through the frontiers: each
// round is one insertion or deletion followed by a run of equal lines.
func backtrack(a, b []string, trace [][]int, d int) []op {
	i, j := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		v, k := trace[d], i-j
		pk := k - 1 // came right: deleted a line of a
		if k == -d || k != d && v[k-1+d] < v[k+1+d] {
			pk = k + 1 // came down: inserted a line of b
		}
		pi := v[pk+d]
		si, sj := pi+1, pi-pk // where the run of equal lines starts
		if pk == k+1 {
			si, sj = pi, pi-pk+1
		}
		for i > si && j > sj {
			i, j = i-1, j-1
			rev = append(rev, op{opEqual, a[i]})
		}
		if pk == k+1 {
			j--
			rev = append(rev, op{opInsert, b[j]})
		} else {
			i--
			rev = append(rev, op{opDelete, a[i]})
		}
	}
	for i > 0 {
		i--
		rev = append(rev, op{opEqual, a[i]})
	}
	ops := make([]op, len(rev))
	for n, o := range rev {
		ops[len(rev)-1-n] = o
	}
	return ops
}

// writeHunks groups the changes with their context; changes separated by
// at most twice the context share a hunk.
func writeHunks(b *strings.Builder, ops []op) {
	// aAt[i], bAt[i]: lines of a and b before ops[i].
	aAt, bAt := make([]int, len(ops)+1), make([]int, len(ops)+1)
	for i, o := range ops {
		aAt[i+1], bAt[i+1] = aAt[i], bAt[i]
		if o.kind != opInsert {
			aAt[i+1]++
		}
		if o.kind != opDelete {
			bAt[i+1]++
		}
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		last := i
		for j := i + 1; j < len(ops); j++ {
			if ops[j].kind != opEqual {
				last = j
				continue
			}
			if j-last > 2*contextLines {
				break
			}
		}
		end := min(last+1+contextLines, len(ops))
		fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(aAt[start], aAt[end]-aAt[start]), hunkRange(bAt[start], bAt[end]-bAt[start]))
		for _, o := range ops[start:end] {
			b.WriteByte(" -+"[o.kind])
			b.WriteString(o.text)
			if !strings.HasSuffix(o.text, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
}

// hunkRange prints a hunk side as diff -u does: the first line (1-based)
// and the count, the count left out when it is 1, and for an empty side the
// line before it.
func hunkRange(before, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, count)
}

// quotePath quotes a name holding control characters, a quote or a
// backslash as git does ("a/\033[31m.c", which patch and git apply read):
// an escape sequence in a file name must not reach the terminal.
func quotePath(p string) string {
	if !strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' || r == '\\' }) {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
