package cfacts

import (
	"slices"
	"strings"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// HPy's file-scope macros (HPy_MODINIT(a, b), HPyDef_METH(...),
// HPyType_HELPERS(X)) are not C the grammar can parse: a run of them makes
// tree-sitter-c produce ERROR nodes that swallow the next function
// definition. So the C parse reads a copy of the text with them blanked
// (blank) and each invocation is parsed on its own. This scanner finds
// where they are, and where top-level items can start (the segments'
// cuts); it understands comments, string and character literals and
// preprocessor lines so that it never mistakes text in them for code.

// isFileScopeMacro reports whether an identifier names one of HPy's
// file-scope declaration macros.
func isFileScopeMacro(name string) bool {
	switch name {
	case "HPy_MODINIT", "HPY_MOD_EMBEDDABLE", "HPyType_HELPERS", "HPyType_LEGACY_HELPERS",
		// hpylint's CPython entrypoint (analysis/shim): HPY105 and HPY106
		// read its argument like HPy_MODINIT's.
		"HPY_CPYTHON_ENTRYPOINT":
		return true
	}
	// HPyDef_METH, HPyDef_SLOT, HPyDef_MEMBER, HPyDef_GET, HPyDef_SET,
	// HPyDef_GETSET, HPyDef_CALL_FUNCTION and their _IMPL variants. Not
	// HPyDef_Kind_*: those are enumerators, never followed by '('.
	return len(name) > len("HPyDef_") && name[:len("HPyDef_")] == "HPyDef_"
}

// scan is what the pre-pass learns about a file.
type scan struct {
	// macros are the spans of file-scope HPy macro invocations, from the
	// macro name to the closing parenthesis (and a directly following ';').
	macros []source.Span
	// separators[i] is the offset of a ';' token after macro i and before
	// the next macro, so the macros can be parsed together as separate
	// statements; -1 when there is none (back-to-back macros), -2 when the
	// macro's span ends with its own ';'.
	separators []int
	// candidates are identifiers that look like CPython API (outside
	// comments, strings and directives); the syntax tree decides which of
	// them are references.
	candidates []source.Span
	// itemStarts are line starts where a top-level item can begin: outside
	// any brace, parenthesis or #if, after a ';', a function body's '}', a
	// directive or an HPy macro. The file is parsed in segments cut at some
	// of them (segmentsOf).
	itemStarts []int
	// leftOpen are the '}' that closed, with a function body, blocks left
	// open in it (see run): the text is unfinished there, as the grammar
	// and a compiler read it, though the items after start where they did.
	leftOpen []int
}

// openBlock is what the scanner knows of a brace it has not seen closed.
type openBlock struct {
	body     bool // it opens a function body
	parens   int  // the parentheses and brackets open before it
	indented bool // its line starts with a blank
}

// lastToken is what the scanner last saw that decides whether the next
// line can start a top-level item.
type lastToken uint8

const (
	itemEnd   lastToken = iota // ';', a function body's '}', a directive, an HPy macro, the file start
	closeCall                  // ')': a '{' after it opens a function body
	otherToken
)

// scanMacros finds the HPy macro invocations.
func scanMacros(src []byte) []source.Span { return scanFile(src).macros }

func scanFile(src []byte) scan { return scanFileInto(src, scan{}) }

// scanFileInto is scanFile writing into reuse's lists (their capacity,
// not their contents): a Document keeps two scans to alternate between.
func scanFileInto(src []byte, reuse scan) scan {
	s := newScanner(src, reuse)
	s.run(0)
	return s.res
}

// scanner is scanFile's state machine. A scan can start at any item start
// (where the state is clean but for a macro waiting for its separator),
// which lets a Document scan again only from the item before an edit.
type scanner struct {
	src     []byte
	res     scan
	pending int // macro waiting for a separator, -1 for none
	// resync, when set, is asked at each item start recorded whether the
	// text from there scans as it did before; the scan stops when it does.
	resync func(at, pending int) bool
}

func newScanner(src []byte, reuse scan) *scanner {
	return &scanner{src: src, pending: -1, res: scan{
		macros:     reuse.macros[:0],
		separators: reuse.separators[:0],
		candidates: reuse.candidates[:0],
		itemStarts: reuse.itemStarts[:0],
		leftOpen:   reuse.leftOpen[:0],
	}}
}

// run scans from from, an item start (or 0), to the end of the text or to
// the item start where resync stopped it, which it returns (len(src) when
// it ran to the end).
func (s *scanner) run(from int) int {
	src, res := s.src, &s.res
	out := &res.macros
	n := len(src)
	lineStart := true // only whitespace seen since the last newline
	// Nesting as the tokens show it, every #if branch counted: a file whose
	// branches open braces unevenly simply gets no more item starts.
	braces, parens, ifs := 0, 0, 0
	last := itemEnd
	// Per open brace: whether it opens a function body, and the
	// parentheses open before it. In valid code a parenthesis opened in a
	// block closes in it ("({ ... })" opens its own outside), so the
	// block's '}' closes any left open: a call being typed, "f(", leaves
	// the item starts after its function where they were, where counting
	// on took every later one away, and a key cut the rest of the file
	// into one segment, parsed afresh (a 1 MB file: 220 ms for the '(',
	// 190 for the ')').
	var blocks []openBlock
	lineBegin := from // the offset of the line i is on
	for i := from; i < n; {
		c := src[i]
		switch {
		case c == '\n' || c == '\r' && ctoken.IsLineEnd(src, i): // a lone CR ends a line too
			lineStart = true
			i++
			lineBegin = i
			if braces == 0 && parens == 0 && ifs == 0 && last == itemEnd && i < n {
				res.itemStarts = append(res.itemStarts, i)
				if s.resync != nil && s.resync(i, s.pending) {
					return i
				}
			}
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '#' && lineStart:
			end := min(ctoken.SkipPreprocessorLine(src, i), n) // a trailing backslash skips past the end
			ifs = max(0, ifs+conditionalDepth(src[i+1:end]))
			if braces == 0 && parens == 0 {
				last = itemEnd
			}
			i = end
			continue
		case c == '/' && i+1 < n && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			lineStart = false
			continue
		case c == '"' || c == '\'':
			i = ctoken.SkipQuoted(src, i)
		case c == ';':
			if s.pending >= 0 {
				res.separators[s.pending] = i
				s.pending = -1
			}
			if braces == 0 {
				// A ';' at file scope ends what parentheses were left
				// open, a function's parameters being typed: valid C has
				// none there (of 1,467 real files, none scans otherwise),
				// and counting on took every later item start away (a key
				// of a prototype typed into a 1 MB file: up to 250 ms).
				parens = 0
			}
			i++
			last = itemEnd
			lineStart = false
			continue
		case c == '{':
			blocks = append(blocks, openBlock{body: braces == 0 && parens == 0 && last == closeCall, parens: parens,
				indented: src[lineBegin] == ' ' || src[lineBegin] == '\t'})
			braces++
			i++
		case c == '}':
			body := false
			if braces > 0 {
				if i == lineBegin {
					// A '}' at the start of its line, in a function body,
					// closes the body, as C is written (and as vi's "[["
					// finds it): blocks opened in it on indented lines and
					// left open, an "if (x) {" being typed, close with it.
					// Counting on, the rest of the file had no item start
					// and was parsed afresh on every key until the block
					// was closed (a 1 MB file: 80 to 230 ms a key). Of
					// 1,467 real files, none that parses is scanned
					// otherwise; unindented code never meets the rule.
					if len(blocks) > 1 && blocks[0].body && !slices.ContainsFunc(blocks[1:], func(b openBlock) bool { return !b.indented }) {
						braces, blocks = 1, blocks[:1]
						res.leftOpen = append(res.leftOpen, i)
					}
				}
				braces--
				b := blocks[len(blocks)-1]
				blocks = blocks[:len(blocks)-1]
				body, parens = b.body, b.parens
			}
			i++
			if body {
				last = itemEnd
				lineStart = false
				continue
			}
		case c == '(' || c == '[':
			parens++
			i++
		case c == ')' || c == ']':
			parens = max(0, parens-1)
			i++
			if c == ')' {
				last = closeCall
				lineStart = false
				continue
			}
		case ctoken.IsIdentStart(c):
			start := i
			for i < n && ctoken.IsIdentPart(src[i]) {
				i++
			}
			name := src[start:i]
			if looksLikeCPython(name) {
				res.candidates = append(res.candidates, source.Span{Start: start, End: i})
			}
			if name[0] == 'H' && isFileScopeMacro(string(name)) {
				if open := skipBlank(src, i); open < n && src[open] == '(' {
					if end, ok := matchParen(src, open); ok {
						if semi := skipBlankSameLine(src, end); semi < n && src[semi] == ';' {
							end = semi + 1
						}
						*out = append(*out, source.Span{Start: start, End: end})
						sep := -1
						if src[end-1] == ';' {
							sep = -2
						}
						res.separators = append(res.separators, sep)
						s.pending = -1
						if sep == -1 {
							s.pending = len(res.separators) - 1
						}
						i = end
						last = itemEnd // the C parse sees it as blank
						lineStart = false
						continue
					}
				}
			}
		default:
			i++
		}
		last = otherToken
		lineStart = false
	}
	return n
}

// conditionalDepth is how a directive changes the #if nesting: +1 for
// #if, #ifdef and #ifndef, -1 for #endif, 0 otherwise. line is the
// directive after its '#'.
func conditionalDepth(line []byte) int {
	switch directiveName(line) {
	case "if", "ifdef", "ifndef":
		return 1
	case "endif":
		return -1
	}
	return 0
}

// looksLikeCPython mirrors the prefixes of queries/*/refs.scm. The first
// byte rules out most identifiers before any string is compared: this runs
// on every identifier of every file, on every keystroke in the editor.
func looksLikeCPython(name []byte) bool {
	if len(name) < 2 {
		return false
	}
	switch name[0] {
	case 'P', '_', 'M', 'H':
	default:
		return false
	}
	s := string(name)
	return strings.HasPrefix(s, "Py") || strings.HasPrefix(s, "_Py") || strings.HasPrefix(s, "PY_") ||
		strings.HasPrefix(s, "METH_") || s == "HPy_AsPyObject" || s == "HPy_FromPyObject" || s == "HPyType_BuiltinShape_Legacy"
}

// matchParen returns the offset just after the ')' matching the '(' at open.
func matchParen(src []byte, open int) (int, bool) {
	depth := 0
	for i := open; i < len(src); {
		switch c := src[i]; {
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			i++
			if depth == 0 {
				return i, true
			}
		case c == '"' || c == '\'':
			i = ctoken.SkipQuoted(src, i)
		case c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
		case c == '#' && atLineStart(src, i):
			// A directive inside a macro's arguments ends the invocation for
			// our purposes: the preprocessor would see it on its own line.
			return 0, false
		case c == ';':
			// Nor do HPy's file-scope macros take a ';': one left open, as
			// one being typed is, ends there. Looking on, the scan of the
			// text before an item start depended on text after it, which a
			// key's rescan does not read again (a fuzzed edit at the end of
			// a file changed the item starts before it).
			return 0, false
		default:
			i++
		}
	}
	return 0, false
}

func skipBlank(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			i++
		default:
			return i
		}
	}
	return i
}

func skipBlankSameLine(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func atLineStart(src []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch {
		case ctoken.IsLineEnd(src, j):
			return true
		case src[j] == ' ' || src[j] == '\t' || src[j] == '\r':
		default:
			return false
		}
	}
	return true
}
