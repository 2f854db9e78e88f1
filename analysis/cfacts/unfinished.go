package cfacts

import (
	"bytes"
	"strings"

	"github.com/hpyproject/hpylint/analysis/ctoken"
)

// The syntax tree alone cannot tell a truncated file from a complete one:
// tree-sitter reads both branches of an #if/#else, so a file whose
// branches each open a brace (one `{` per branch, one `}` after #endif) or
// a directive inside an initializer list parses as if a block never
// closed, though every compiler accepts it. So a file the tree shows
// ending in error is checked again on its tokens: it is unfinished only if
// it ends inside a block comment, a string or an #if, or if its braces and
// parentheses balance on no preprocessor branch.

// unfinished says why src cannot be a complete file, or "" when some
// preprocessor branch of it balances. Branches of different #if groups
// are combined freely (a condition tested twice may combine them in ways
// the compiler never sees): that can only find a balance, never miss one.
// The text has unfinishedLine where the line goes, and at is the offset
// whose line it is (0 when the text cites none: only citing sets it).
func unfinished(src []byte) (text string, at int) {
	u := unfinishedScan{src: src, states: []nesting{{at: -1}}}
	return u.run(), u.at
}

// unfinishedLine stands for the line of Facts.UnfinishedAt in
// Facts.Unfinished. Kept apart, the line does not change the text when an
// edit above it moves it: the findings of a buffer left unfinished move
// through such an edit (HPY003 writes the line as a mark the engine
// renders), where the rules ran again on every key.
const unfinishedLine = "{line}"

// UnfinishedText is Unfinished with its line written by line, given the
// offset UnfinishedAt.
func (f *Facts) UnfinishedText(line func(off int) string) string {
	if !strings.Contains(f.Unfinished, unfinishedLine) {
		return f.Unfinished
	}
	return strings.Replace(f.Unfinished, unfinishedLine, line(f.UnfinishedAt), 1)
}

// nesting is one branch combination's depth: open braces and open
// parentheses or brackets, and where the outermost one still open was
// opened (-1: none).
type nesting struct {
	braces, parens int32
	at             int
}

// conditional is an #if group being read: the depths on entry, those its
// finished branches ended with, and whether it has an #else.
type conditional struct {
	entry, done []nesting
	hasElse     bool
	at          int
}

// maxStates bounds the branch combinations followed; past it the file is
// taken as balanced (unknown is not unfinished).
const maxStates = 256

type unfinishedScan struct {
	src    []byte
	states []nesting
	ifs    []conditional
	// overflow is set when the combinations exceeded maxStates.
	overflow bool
	// at is the offset the reason cites.
	at int
	// resume is set when the scan keeps checkpoints or starts from an
	// earlier scan's (unfinished_resume.go); ended is where run stopped.
	resume *scanResume
	ended  int
}

// citing is text, which cites the line of off (unfinishedLine).
func (u *unfinishedScan) citing(off int, text string) string {
	u.at = off
	return text
}

func (u *unfinishedScan) run() string {
	src := u.src
	n := len(src)
	lineStart := true
	i := 0
	if u.resume != nil {
		i = u.resume.from
	}
	defer func() { u.ended = min(i, n) }()
	for i < n {
		if lineStart && u.resume != nil {
			if text, met := u.resume.at(u, i); met {
				return text
			}
		}
		c := src[i]
		switch {
		case ctoken.IsSpace(c):
			var ended bool
			i, ended = ctoken.SkipSpace(src, i)
			lineStart = lineStart || ended // a lone CR ends a line too
			continue
		case c == '#' && lineStart:
			end, open := directiveEnd(src, i)
			if open >= 0 {
				return u.commentReason(open)
			}
			u.directive(src[i+1:end], i)
			i = end
			continue
		case c == '/' && i+1 < n && src[i+1] == '/':
			i = ctoken.SkipComment(src, i)
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return u.commentReason(i)
			}
			i += 2 + end + 2
		case c == '"' || c == '\'':
			end, closed := quotedEnd(src, i)
			if !closed && blankFrom(src, end) {
				return u.citing(i, "it ends inside the literal opened at line "+unfinishedLine)
			}
			i = end
		case c >= '0' && c <= '9' || c == '.' && i+1 < n && src[i+1] >= '0' && src[i+1] <= '9':
			i = numberEnd(src, i)
		case ctoken.IsIdentStart(c):
			start := i
			for i < n && ctoken.IsIdentPart(src[i]) {
				i++
			}
			if i < n && src[i] == '"' && isRawPrefix(src[start:i]) {
				end, closed := rawStringEnd(src, i)
				if !closed {
					return u.citing(start, "it ends inside the raw string opened at line "+unfinishedLine)
				}
				i = end
			}
		case c == '{':
			u.step(1, 0, i)
			i++
		case c == '}':
			u.step(-1, 0, i)
			i++
		case c == '(' || c == '[':
			u.step(0, 1, i)
			i++
		case c == ')' || c == ']':
			u.step(0, -1, i)
			i++
		default:
			i++
		}
		lineStart = false
	}
	if u.overflow {
		return ""
	}
	if len(u.ifs) > 0 {
		return u.citing(u.ifs[0].at, "it ends inside the #if opened at line "+unfinishedLine+" (no #endif)")
	}
	best := -1
	for k, s := range u.states {
		if s.braces == 0 && s.parens == 0 {
			return ""
		}
		if s.at >= 0 && (best < 0 || s.at > u.states[best].at) {
			best = k
		}
	}
	if best < 0 {
		return "its braces and parentheses balance on no preprocessor branch"
	}
	s := u.states[best]
	what := "`" + string(src[s.at]) + "`"
	return u.citing(s.at, "the "+what+" at line "+unfinishedLine+" is never closed, on any preprocessor branch")
}

func (u *unfinishedScan) commentReason(open int) string {
	return u.citing(open, "it ends inside the comment opened at line "+unfinishedLine)
}

// step applies one bracket to every branch combination.
func (u *unfinishedScan) step(braces, parens int32, at int) {
	for k := range u.states {
		s := &u.states[k]
		wasClosed := s.braces == 0 && s.parens == 0
		s.braces += braces
		s.parens += parens
		switch {
		case s.braces == 0 && s.parens == 0:
			s.at = -1
		case wasClosed:
			s.at = at
		}
	}
	u.states = dedupe(u.states)
}

// directive follows #if groups; line is the directive after its '#'.
func (u *unfinishedScan) directive(line []byte, at int) {
	name := directiveName(line)
	switch name {
	case "if", "ifdef", "ifndef":
		u.ifs = append(u.ifs, conditional{entry: clone(u.states), at: at})
	case "elif", "elifdef", "elifndef", "else":
		if len(u.ifs) == 0 {
			return // unmatched: the compiler's problem, not a truncation
		}
		top := &u.ifs[len(u.ifs)-1]
		top.done = append(top.done, u.states...)
		top.hasElse = top.hasElse || name == "else"
		u.states = clone(top.entry)
	case "endif":
		if len(u.ifs) == 0 {
			return
		}
		top := u.ifs[len(u.ifs)-1]
		u.ifs = u.ifs[:len(u.ifs)-1]
		merged := append(top.done, u.states...)
		if !top.hasElse {
			merged = append(merged, top.entry...) // no branch taken
		}
		u.states = dedupe(merged)
		if len(u.states) > maxStates {
			u.overflow = true
			u.states = u.states[:maxStates]
		}
	}
}

// dedupe keeps the first combination of each depth.
func dedupe(states []nesting) []nesting {
	if len(states) < 2 {
		return states
	}
	out := states[:0]
	for _, s := range states {
		dup := false
		for _, o := range out {
			if o.braces == s.braces && o.parens == s.parens {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func clone(s []nesting) []nesting { return append([]nesting(nil), s...) }

// directiveEnd is the end of the directive at i (its line, continuations
// included), and the start of a block comment in it that never closes, or
// -1.
func directiveEnd(src []byte, i int) (end, openComment int) {
	for i < len(src) {
		switch src[i] {
		case '\\':
			i = ctoken.SkipEscape(src, i)
			continue
		case '\n', '\r':
			if ctoken.IsLineEnd(src, i) {
				return i, -1
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				k := bytes.Index(src[i+2:], []byte("*/"))
				if k < 0 {
					return len(src), i
				}
				i += 2 + k + 2
				continue
			}
		}
		i++
	}
	return len(src), -1
}

// quotedEnd is the end of the string or character literal at i, and
// whether it was closed; an unclosed one ends at its line's end, as a
// compiler reads it.
func quotedEnd(src []byte, i int) (int, bool) {
	q := src[i]
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 < len(src) && src[i+1] == '\r' {
				i++
			}
			i++ // an escaped newline continues the literal
		case q:
			return i + 1, true
		case '\n', '\r':
			if ctoken.IsLineEnd(src, i) {
				return i, false
			}
		}
	}
	return len(src), false
}

// isRawPrefix reports whether an identifier directly before '"' makes a
// C++ raw string: R, LR, uR, UR, u8R.
func isRawPrefix(id []byte) bool {
	switch string(id) {
	case "R", "LR", "uR", "UR", "u8R":
		return true
	}
	return false
}

// rawStringEnd is the end of the raw string whose '"' is at i:
// "delim( ... )delim".
func rawStringEnd(src []byte, i int) (int, bool) {
	open := bytes.IndexByte(src[i:], '(')
	if open < 0 || bytes.IndexByte(src[i:i+open], '\n') >= 0 {
		return i + 1, true // not a raw string after all: read on
	}
	closing := append(append([]byte(")"), src[i+1:i+open]...), '"')
	k := bytes.Index(src[i+open:], closing)
	if k < 0 {
		return len(src), false
	}
	return i + open + k + len(closing), true
}

// numberEnd is the end of the preprocessing number at i, so that a C++
// digit separator (1'000) or an exponent sign is not read as anything else.
func numberEnd(src []byte, i int) int {
	for i++; i < len(src); i++ {
		c := src[i]
		switch {
		case ctoken.IsIdentPart(c) || c == '.':
		case (c == '+' || c == '-') && (src[i-1]|0x20 == 'e' || src[i-1]|0x20 == 'p'):
		case c == '\'' && i+1 < len(src) && ctoken.IsIdentPart(src[i+1]):
		default:
			return i
		}
	}
	return i
}

func blankFrom(src []byte, i int) bool {
	return len(bytes.TrimSpace(src[min(i, len(src)):])) == 0
}

func lineOf(src []byte, off int) int { return ctoken.LineOf(src, off) }

// confirmTruncation keeps Truncated, which the trees set when the file ends
// in an error, only for a file that is unfinished on its tokens too. A
// file whose scan closed blocks left open in a function body (leftOpen)
// is asked too: its trees end well, as the segments after the body are
// parsed on their own.
func confirmTruncation(f *Facts, src []byte, leftOpen bool) {
	f.Unfinished, f.UnfinishedAt = "", 0
	if f.Truncated || leftOpen {
		f.Unfinished, f.UnfinishedAt = unfinished(src)
		f.Truncated = f.Unfinished != ""
	}
}

// codeEnd is where the file's code ends: trailing blanks and comments
// excluded. Error recovery leaves a trailing comment outside the ERROR
// node of a cut definition, so a file cut mid-function followed by a
// comment must still count as ending in error. Approximate (a comment
// marker inside a string on the last line may end it early): the token
// scan decides.
func codeEnd(src []byte) int {
	end := len(bytes.TrimRight(src, " \t\r\n\f\v"))
	for end > 0 {
		text := src[:end]
		switch {
		case bytes.HasSuffix(text, []byte("*/")):
			open := bytes.LastIndex(text[:end-2], []byte("/*"))
			if open < 0 {
				return end
			}
			end = len(bytes.TrimRight(src[:open], " \t\r\n\f\v"))
		default:
			lineStart := ctoken.LineStart(text, len(text))
			k := lineComment(text[lineStart:])
			if k < 0 {
				return end
			}
			end = len(bytes.TrimRight(src[:lineStart+k], " \t\r\n\f\v"))
		}
	}
	return end
}

// lineComment is where a // comment starts in one line, outside string
// and character literals, or -1.
func lineComment(line []byte) int {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"', '\'':
			end, _ := quotedEnd(line, i)
			i = end - 1
		case '/':
			if i+1 < len(line) && line[i+1] == '/' {
				return i
			}
		}
	}
	return -1
}
