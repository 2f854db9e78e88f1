package makefile

import (
	"bytes"
	"fmt"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc

	tsmake "github.com/tree-sitter-grammars/tree-sitter-make/bindings/go"
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

var language = sitter.NewLanguage(tsmake.Language())

// node is a copy of one tree-sitter node, so the reader works on plain Go
// values and the C tree is closed right after parsing.
type node struct {
	kind       string
	field      string // field name in the parent, if any
	named      bool
	start, end int
	children   []*node
}

func (n *node) span() source.Span { return source.Span{Start: n.start, End: n.end} }

// child returns the first child in the named field.
func (n *node) child(field string) *node {
	for _, c := range n.children {
		if c.field == field {
			return c
		}
	}
	return nil
}

// maxReparses bounds the recovery loop of parse.
const maxReparses = 64

// parse returns the syntax tree of a Makefile and its syntax problems.
//
// tree-sitter-make rejects parentheses inside variable values and $(shell)
// commands (X = python3 -c "print(1)"), which GNU make accepts, and its
// error recovery then swallows the rest of the file. So on an error the
// parentheses of the failing line that are not $( ) delimiters are blanked
// in a copy of the content (same length, so offsets stay true) and the copy
// is parsed again. A line that still does not parse is blanked whole and reported (GNU make would stop there anyway). All text is always read from the original
// content.
func parse(content []byte) (*node, []buildcfg.Problem) {
	fed := bytes.Clone(content)
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		return &node{kind: "makefile", end: len(content)}, []buildcfg.Problem{{Message: "cannot load the make grammar: " + err.Error()}}
	}
	var problems []buildcfg.Problem
	masked := map[int]bool{}
	dropped := map[int]bool{}
	handled := map[int]bool{}
	var root *node
	for range maxReparses {
		root = parseOnce(p, fed)
		e := firstError(root, fed, handled)
		if e == nil {
			break
		}
		ls, le := logicalLine(fed, e.start)
		if !masked[ls] {
			masked[ls] = true
			if maskParens(fed, ls, le) {
				continue
			}
		}
		if !dropped[ls] {
			dropped[ls] = true
			blankLine(fed, ls, le)
			problems = append(problems, buildcfg.Problem{
				Span:    trimSpan(content, ls, le),
				Message: fmt.Sprintf("cannot parse this line, so it is skipped: %s", snippet(content, ls, le)),
			})
			continue
		}
		handled[ls] = true
	}
	return root, append(problems, errorProblems(root, content)...)
}

func parseOnce(p *sitter.Parser, src []byte) *node {
	tree := p.Parse(src, nil)
	if tree == nil {
		return &node{kind: "makefile", end: len(src)}
	}
	defer tree.Close()
	return convert(tree.RootNode(), "")
}

func convert(n *sitter.Node, field string) *node {
	c := n.Walk()
	defer c.Close()
	return convertAt(c, field)
}

// convertAt copies the cursor's node and everything below it. A cursor
// reads each child once; Node.Child(i) walks from the first child on every
// call, which is quadratic on a Makefile of many top-level lines.
func convertAt(c *sitter.TreeCursor, field string) *node {
	n := c.Node()
	out := &node{
		kind:  n.Kind(),
		field: field,
		named: n.IsNamed(),
		start: int(n.StartByte()),
		end:   int(n.EndByte()),
	}
	if n.IsMissing() {
		out.kind = "MISSING " + out.kind
	}
	if !c.GotoFirstChild() {
		return out
	}
	out.children = make([]*node, 0, n.ChildCount())
	for {
		out.children = append(out.children, convertAt(c, c.FieldName()))
		if !c.GotoNextSibling() {
			break
		}
	}
	c.GotoParent()
	return out
}

func isError(n *node) bool {
	return n.kind == "ERROR" || len(n.kind) > 8 && n.kind[:8] == "MISSING "
}

// firstError finds the first ERROR or MISSING node, in document order, on a
// line not yet handled.
func firstError(n *node, src []byte, handled map[int]bool) *node {
	if isError(n) {
		if ls, _ := logicalLine(src, n.start); !handled[ls] {
			return n
		}
	}
	for _, c := range n.children {
		if e := firstError(c, src, handled); e != nil {
			return e
		}
	}
	return nil
}

// logicalLine returns [start, end) of the line holding off, joined with
// the lines a trailing backslash continues it into (end excludes the final
// newline).
func logicalLine(src []byte, off int) (int, int) {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	for start > 0 && continued(src, start-1) {
		start = bytes.LastIndexByte(src[:start-1], '\n') + 1
	}
	end := off
	for {
		i := bytes.IndexByte(src[end:], '\n')
		if i < 0 {
			return start, len(src)
		}
		end += i
		if !continued(src, end) {
			return start, end
		}
		end++
	}
}

// continued reports whether the newline at nl is escaped by a backslash
// (an odd number of them, a carriage return allowed in between).
func continued(src []byte, nl int) bool {
	i := nl - 1
	if i >= 0 && src[i] == '\r' {
		i--
	}
	n := 0
	for ; i >= 0 && src[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// maskParens blanks the parentheses of src[start:end] that are not the
// delimiters of a $( ) reference (make matches those by counting) or of an
// ifeq/ifneq condition, and reports whether it changed anything.
func maskParens(src []byte, start, end int) bool {
	changed := false
	var stack []byte // '(' or '{' for $( ${, 'p' for a plain '('
	i := start
	// Keep the parentheses of ifeq (a,b) / ifneq (a,b).
	j := i
	for j < end && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	for _, kw := range []string{"ifeq", "ifneq"} {
		if bytes.HasPrefix(src[j:end], []byte(kw)) {
			k := j + len(kw)
			for k < end && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k < end && src[k] == '(' {
				stack = append(stack, '(')
				i = k + 1
			}
		}
	}
	for ; i < end; i++ {
		switch c := src[i]; {
		case c == '$' && i+1 < end && src[i+1] == '$':
			i++
		case c == '$' && i+1 < end && (src[i+1] == '(' || src[i+1] == '{'):
			stack = append(stack, src[i+1])
			i++
		case c == '(':
			if len(stack) == 0 || stack[len(stack)-1] == 'p' || stack[len(stack)-1] == '(' {
				stack = append(stack, 'p')
			}
			src[i] = ' '
			changed = true
		case c == ')':
			if n := len(stack); n > 0 && stack[n-1] == '(' {
				stack = stack[:n-1]
				continue
			}
			if n := len(stack); n > 0 && stack[n-1] == 'p' {
				stack = stack[:n-1]
			}
			src[i] = ' '
			changed = true
		case c == '}':
			if n := len(stack); n > 0 && stack[n-1] == '{' {
				stack = stack[:n-1]
			}
		}
	}
	return changed
}

// blankLine hides a line from the grammar: a recipe line keeps its tab so
// the recipe goes on, everything else becomes spaces.
func blankLine(src []byte, start, end int) {
	for i := start; i < end; i++ {
		if src[i] != '\n' && !(src[i] == '\t' && (i == start || src[i-1] == '\n')) {
			src[i] = ' '
		}
	}
}

func trimSpan(src []byte, start, end int) source.Span {
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return source.Span{Start: start, End: end}
}

// snippet is the start of a line for messages.
func snippet(src []byte, start, end int) string {
	s := string(bytes.TrimSpace(src[start:end]))
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		s = s[:i] + "..."
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// errorProblems reports the syntax errors left in the final tree, one per
// line.
func errorProblems(root *node, content []byte) []buildcfg.Problem {
	var out []buildcfg.Problem
	seen := map[int]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if isError(n) {
			ls, le := logicalLine(content, n.start)
			if !seen[ls] {
				seen[ls] = true
				msg := "syntax error: make cannot read " + snippet(content, ls, le)
				if n.kind != "ERROR" {
					msg = fmt.Sprintf("syntax error: %s expected here", n.kind[len("MISSING "):])
				}
				end := min(max(n.end, n.start), le)
				if end <= n.start {
					end = trimSpan(content, ls, le).End
				}
				out = append(out, buildcfg.Problem{Span: source.Span{Start: min(n.start, end), End: end}, Message: msg})
			}
			return
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
	return out
}
