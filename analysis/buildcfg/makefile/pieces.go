package makefile

import "github.com/hpyproject/hpylint/analysis/source"

// atoms are the node kinds that stand for something other than their text.
var atoms = map[string]bool{
	"variable_reference":     true,
	"substitution_reference": true,
	"function_call":          true,
	"shell_function":         true,
	"automatic_variable":     true,
	"escape":                 true,
}

// piecesOf turns the text of n into pieces: the grammar's references,
// calls and escapes, and literal text between them. With cutComment, an
// unescaped # in the literal text ends the value (make comments run to the
// end of the line, even after a value) and is returned as a comment.
func (r *reader) piecesOf(n *node, cutComment bool) ([]piece, *source.Span) {
	var out []piece
	pos := n.start
	var comment *source.Span
	var visit func(m *node) bool
	gap := func(to int) bool {
		if to <= pos {
			return true
		}
		if cutComment {
			for i := pos; i < to; i++ {
				if r.src[i] == '#' && !escaped(r.src, i) {
					if i > pos {
						out = append(out, r.literal(pos, i))
					}
					comment = &source.Span{Start: i, End: n.end}
					return false
				}
			}
		}
		out = append(out, r.literal(pos, to))
		pos = to
		return true
	}
	visit = func(m *node) bool {
		for _, c := range m.children {
			if !atoms[c.kind] {
				if !visit(c) {
					return false
				}
				continue
			}
			if !gap(c.start) {
				return false
			}
			out = append(out, r.atom(c))
			pos = c.end
		}
		return true
	}
	if visit(n) {
		gap(n.end)
	}
	return out, comment
}

func escaped(src []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func (r *reader) literal(start, end int) piece {
	return piece{kind: literal, start: start, end: end, text: string(r.src[start:end])}
}

func (r *reader) text(n *node) string {
	if n == nil {
		return ""
	}
	return string(r.src[n.start:n.end])
}

// atom turns a reference, call or escape into a piece.
func (r *reader) atom(n *node) piece {
	as := piece{kind: opaque, start: n.start, end: n.end, text: r.text(n)}
	switch n.kind {
	case "escape":
		if as.text == "$$" {
			as.text = "$"
		}
		return as
	case "variable_reference":
		if len(n.children) > 0 && n.children[0].kind == "$$" {
			// $$x is an escaped dollar followed by text: the shell's $x.
			return piece{kind: literal, start: n.start, end: n.end, text: "$" + string(r.src[n.start+2:n.end])}
		}
		var named []*node
		for _, c := range n.children {
			if c.named {
				named = append(named, c)
			}
		}
		if len(named) == 1 && named[0].kind == "word" {
			return piece{kind: ref, start: n.start, end: n.end, name: r.text(named[0])}
		}
	case "substitution_reference":
		name, from, to := n.child("text"), n.child("pattern"), n.child("replacement")
		if name != nil && name.kind == "word" && from != nil && from.kind == "word" && (to == nil || to.kind == "word") {
			return piece{kind: ref, start: n.start, end: n.end, name: r.text(name),
				subst: &subst{from: r.text(from), to: r.text(to)}}
		}
	}
	return as
}
