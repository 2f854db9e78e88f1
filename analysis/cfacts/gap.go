package cfacts

import (
	"fmt"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Most syntax errors left after HPy's macros are set aside cost nothing: a
// storage-class macro before a return type (NPY_NO_EXPORT int f(...)) is
// an ERROR of one word beside a function the tree still has. What can
// cost findings is an error whose recovery skips a brace block, a function
// body or an initializer: the facts in it (a definition, a defines array)
// are then missing. ParseGap is the first such place.

// ParseGap is text the grammar's error recovery skipped together with a
// brace block: facts inside it may be missing.
type ParseGap struct {
	Span source.Span // the skipped text
	// Cause says why it could not be parsed, as far as the text tells:
	// "a macro hpylint does not know, `FOO(x)`", ...
	Cause string
	// Lost names the function whose definition was skipped, if one was.
	Lost string
	// FileScope is set when the error is outside any function body.
	FileScope bool
	// Preprocessor is set when the cause is how the file uses the
	// preprocessor (#if branches, a directive inside an initializer):
	// valid code the grammar, which reads every branch, cannot follow.
	Preprocessor bool
}

// findGap returns the first ERROR node of the tree that holds a brace
// block, described; nil when there is none. src is the file's text (HPy's
// macros not blanked).
func findGap(root *sitter.Node, src []byte) *ParseGap {
	if !root.HasError() {
		return nil
	}
	var found *sitter.Node
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		for i := uint(0); i < n.ChildCount() && found == nil; i++ {
			c := n.Child(i)
			switch {
			case c.IsError():
				if holdsBlock(c) {
					found = c
				}
			case c.HasError():
				walk(c)
			}
		}
	}
	walk(root)
	if found == nil {
		return nil
	}
	return describeGap(found, src)
}

// holdsBlock reports whether an ERROR node swallowed a '{'.
func holdsBlock(n *sitter.Node) bool {
	c := n.Walk()
	defer c.Close()
	for {
		switch c.Node().Kind() {
		case "{", "compound_statement", "function_definition", "initializer_list":
			return true
		}
		if c.GotoFirstChild() {
			continue
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() || c.Node().Id() == n.Id() {
				return false
			}
		}
	}
}

// describeGap reads the cause from the text of the item holding the error:
// from the item's start to the error's end.
func describeGap(errNode *sitter.Node, src []byte) *ParseGap {
	item := enclosingItem(errNode)
	fileScope := !inBody(errNode, item)
	start, end := int(item.StartByte()), int(errNode.EndByte())
	g := &ParseGap{Span: source.Span{Start: int(errNode.StartByte()), End: end}, FileScope: fileScope}
	head := itemHead(src, start, end)
	g.Lost = definedFunction(src, head)
	if line, ok := unevenConditional(src, start, end); ok {
		g.Cause = fmt.Sprintf("the branches of the #if at line %d open and close braces unevenly, and hpylint reads every branch", line)
		g.Preprocessor = true
		return g
	}
	if line, ok := inMacroDefinition(src, g.Span.Start); ok {
		g.Cause = fmt.Sprintf("the body of the multi-line #define at line %d, which the grammar loses track of (a comment before a line continuation, say)", line)
		g.Preprocessor = true
		return g
	}
	if m, at := unknownMacro(src, head, g.Lost); m != "" {
		g.Cause = fmt.Sprintf("a macro hpylint does not know, `%s`", m)
		g.Span.Start = min(g.Span.Start, at)
		return g
	}
	initializer := strings.Contains(string(src[head.Start:head.End]), "=")
	if line, ok := directiveInside(src, start, end, initializer); ok {
		g.Cause = fmt.Sprintf("a preprocessor directive where the grammar takes none, inside an initializer, an expression or a statement (line %d)", line)
		g.Preprocessor = true
		return g
	}
	first := strings.TrimSpace(string(src[g.Span.Start:g.Span.End]))
	if i := strings.IndexAny(first, "\r\n"); i >= 0 {
		first = strings.TrimSpace(first[:i])
	}
	if len(first) > 60 {
		first = first[:60] + "…"
	}
	g.Cause = fmt.Sprintf("a construct the grammar does not accept, `%s`", first)
	return g
}

// enclosingItem is the top-level item holding n: a child of the file, or
// of an #if, extern "C" or namespace block at top level.
func enclosingItem(n *sitter.Node) *sitter.Node {
	item := n
	for {
		p := item.Parent()
		if p == nil || p.Kind() == "translation_unit" || topLevelContainer(p) {
			return item
		}
		item = p
	}
}

// inBody reports whether n lies in a function body or block below item.
func inBody(n, item *sitter.Node) bool {
	for ; n != nil && n.Id() != item.Id(); n = n.Parent() {
		if n.Kind() == "compound_statement" {
			return true
		}
	}
	return false
}

func topLevelContainer(n *sitter.Node) bool {
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case "translation_unit":
			return true
		case "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef",
			"linkage_specification", "declaration_list":
		default:
			return false
		}
	}
	return false
}

// itemHead is the text of [start, end) up to its first '{' outside
// parentheses: a declaration's or definition's head.
func itemHead(src []byte, start, end int) source.Span {
	depth := 0
	for i := start; i < end; {
		switch c := src[i]; {
		case c == '/' && i+1 < end && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			i, _ = quotedEnd(src, i)
			continue
		case c == '#' && atLineStart(src, i):
			i = ctoken.SkipPreprocessorLine(src, i)
			continue
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '{' && depth <= 0:
			return source.Span{Start: start, End: i}
		}
		i++
	}
	return source.Span{Start: start, End: end}
}

// headCalls lists the `name(` tokens at parenthesis depth 0 of a head,
// with the invocation's text and offset.
func headCalls(src []byte, head source.Span) (names, calls []string, at []int) {
	depth := 0
	for i := head.Start; i < head.End; {
		c := src[i]
		switch {
		case c == '/' && i+1 < head.End && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			i, _ = quotedEnd(src, i)
			continue
		case c == '#' && atLineStart(src, i):
			i = ctoken.SkipPreprocessorLine(src, i)
			continue
		case c == '(':
			depth++
		case c == ')':
			depth--
		case ctoken.IsIdentStart(c):
			s := i
			for i < head.End && ctoken.IsIdentPart(src[i]) {
				i++
			}
			if open := skipBlank(src, i); depth == 0 && open < head.End && src[open] == '(' {
				call := string(src[s:i])
				if end, ok := matchParen(src, open); ok && end <= head.End {
					call = string(src[s:end])
				}
				names = append(names, string(src[s:i]))
				calls = append(calls, strings.Join(strings.Fields(call), " "))
				at = append(at, s)
			}
			continue
		}
		i++
	}
	return names, calls, at
}

// definedFunction is the name a head defines as a function: its last
// `name(` at depth 0 when the head ends with the parameter list.
func definedFunction(src []byte, head source.Span) string {
	text := strings.TrimSpace(string(src[head.Start:head.End]))
	if !strings.HasSuffix(text, ")") || strings.Contains(text, "=") {
		return ""
	}
	names, _, _ := headCalls(src, head)
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// unknownMacro is the first invocation in a head of a name written as a
// macro (capitals, digits, underscores) other than the function defined.
func unknownMacro(src []byte, head source.Span, defined string) (string, int) {
	names, calls, at := headCalls(src, head)
	for k, name := range names {
		if name != defined && macroLike(name) {
			return calls[k], at[k]
		}
	}
	return "", 0
}

func macroLike(name string) bool {
	letters := 0
	for _, c := range name {
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9' || c == '_':
		default:
			return false
		}
	}
	return letters >= 2
}

// unevenConditional finds in [start, end) an #if group one of whose
// branches (before an #else or #elif) leaves the brace depth changed: the
// grammar then reads the branches together as unbalanced code.
func unevenConditional(src []byte, start, end int) (int, bool) {
	type group struct{ entry, at int }
	var stack []group
	depth := 0
	for i := start; i < end; {
		c := src[i]
		switch {
		case c == '/' && i+1 < end && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			i, _ = quotedEnd(src, i)
			continue
		case c == '#' && atLineStart(src, i):
			e := ctoken.SkipPreprocessorLine(src, i)
			switch directiveName(src[i+1 : e]) {
			case "if", "ifdef", "ifndef":
				stack = append(stack, group{entry: depth, at: i})
			case "elif", "elifdef", "elifndef", "else":
				if n := len(stack); n > 0 {
					if depth != stack[n-1].entry {
						return lineOf(src, stack[n-1].at), true
					}
				}
			case "endif":
				if n := len(stack); n > 0 {
					if depth != stack[n-1].entry {
						return lineOf(src, stack[n-1].at), true
					}
					stack = stack[:n-1]
				}
			}
			i = e
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
		}
		i++
	}
	return 0, false
}

// directiveInside finds a directive line in [start, end) that the
// grammar cannot take: inside parentheses, inside the braces of an
// initializer, or in the middle of a statement (after a token that does
// not end one, or before an `else`). The grammar takes directives only
// between statements and declarations.
func directiveInside(src []byte, start, end int, initializer bool) (int, bool) {
	braces, parens := 0, 0
	last := byte(';') // the last significant byte before a directive
	for i := start; i < end; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '/' && i+1 < end && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			i, _ = quotedEnd(src, i)
			last = c
			continue
		case c == '#' && atLineStart(src, i):
			e := ctoken.SkipPreprocessorLine(src, i)
			midStatement := last != ';' && last != '{' && last != '}' && last != ':' || hasWordAt(src, skipBlank(src, e), "else")
			if parens > 0 || initializer && braces > 0 || midStatement {
				return lineOf(src, i), true
			}
			i = e
			continue
		case c == '{':
			braces++
		case c == '}':
			braces--
		case c == '(':
			parens++
		case c == ')':
			parens--
		}
		last = c
		i++
	}
	return 0, false
}

// directiveName is the name of a directive (if, endif, define, ...); line
// is the directive after its '#'.
func directiveName(line []byte) string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	j := i
	for j < len(line) && ctoken.IsIdentPart(line[j]) {
		j++
	}
	return string(line[i:j])
}

// inMacroDefinition reports whether off lies in a #define continued over
// several lines, and the line (1-based) the #define starts on: such a body
// is the preprocessor's text, not C the grammar must read.
func inMacroDefinition(src []byte, off int) (int, bool) {
	lineStart := func(i int) int { return ctoken.LineStart(src, i) }
	continued := func(end int) bool { // the line ending before end ends with a backslash
		i := end - 1
		for i >= 0 && (src[i] == '\n' || src[i] == '\r' || src[i] == ' ' || src[i] == '\t') {
			if ctoken.IsLineEnd(src, i) && i != end-1 {
				return false
			}
			i--
		}
		return i >= 0 && src[i] == '\\'
	}
	start := lineStart(min(off, len(src)))
	for start > 0 && continued(start) {
		start = lineStart(start - 1)
	}
	line := strings.TrimLeft(string(src[start:min(start+200, len(src))]), " \t")
	if !strings.HasPrefix(line, "#") || directiveName([]byte(line[1:])) != "define" {
		return 0, false
	}
	return ctoken.LineOf(src, start), true
}
