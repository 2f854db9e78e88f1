// Package suppress reads hpylint suppression comments and applies them to
// diagnostics, once, after every rule has run.
//
// Forms, in any comment style (// and /* */ in C, # in Python, TOML, INI,
// CMake): `hpylint: ignore[HPY201]` or `hpylint: ignore[HPY201, HPY202]` on
// the reported line or alone on the line before it, and
// `hpylint: ignore-file[HPY201]` anywhere in a file. Codes or rule names;
// free text (a reason) may follow the bracket.
package suppress

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Code is one code or rule name inside a directive's brackets.
type Code struct {
	Text string
	Span source.Span
}

// Directive is a well-formed suppression.
type Directive struct {
	Path    string
	Comment source.Span
	File    bool // ignore-file: the whole file
	Line    int  // 0-based line it applies to (when !File)
	Codes   []Code
}

// Problem is a malformed directive or an unused code.
type Problem struct {
	Location source.Location
	Message  string
}

// directivePrefix starts every hpylint comment directive.
const directivePrefix = "hpylint:"

// SpeaksToHPylint reports whether a comment's text may mean something to
// hpylint: every directive, and every marker hpylint writes into files it
// generates, starts with "hpylint:".
func SpeaksToHPylint(text string) bool { return strings.Contains(text, directivePrefix) }

// Parse reads the directives of one file from its comments. known says
// whether a code or rule name exists.
func Parse(path string, content []byte, comments []source.Comment, known func(string) bool) ([]Directive, []Problem) {
	var dirs []Directive
	var problems []Problem
	var idx *textpos.Index
	for _, c := range comments {
		bodyStart, body := commentBody(c.Text)
		trimmed := strings.TrimLeft(body, " \t*")
		if !strings.HasPrefix(trimmed, directivePrefix) {
			continue
		}
		at := c.Span.Start + bodyStart + (len(body) - len(trimmed)) + len(directivePrefix)
		rest := trimmed[len(directivePrefix):]
		lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
		rest, at = rest[lead:], at+lead
		if strings.HasPrefix(rest, "generated") {
			continue // the marker of generated code, not a suppression
		}
		if idx == nil {
			idx = textpos.New(content)
		}
		d, msg := parseDirective(rest, at)
		if msg != "" {
			problems = append(problems, Problem{Location: source.Location{Path: path, Span: c.Span}, Message: msg})
			continue
		}
		var unknown []string
		for _, code := range d.Codes {
			if !known(code.Text) {
				unknown = append(unknown, code.Text)
			}
		}
		if len(unknown) > 0 {
			problems = append(problems, Problem{Location: source.Location{Path: path, Span: c.Span},
				Message: "suppression names unknown code " + strings.Join(unknown, ", ")})
			continue
		}
		d.Path, d.Comment = path, c.Span
		d.Line = targetLine(idx, content, c.Span)
		dirs = append(dirs, d)
	}
	return dirs, problems
}

// parseDirective reads "ignore[...] reason" or "ignore-file[...]"; at is the
// offset of s in the file.
func parseDirective(s string, at int) (Directive, string) {
	var d Directive
	switch {
	case strings.HasPrefix(s, "ignore-file"):
		d.File = true
		s, at = s[len("ignore-file"):], at+len("ignore-file")
	case strings.HasPrefix(s, "ignore"):
		s, at = s[len("ignore"):], at+len("ignore")
	default:
		word := s
		if i := strings.IndexAny(word, " \t[*/"); i >= 0 {
			word = word[:i]
		}
		return d, "unknown hpylint directive " + quote(word) + " (expected ignore[...] or ignore-file[...])"
	}
	if !strings.HasPrefix(s, "[") {
		return d, "suppression needs the codes in brackets, e.g. hpylint: ignore[HPY201]"
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return d, "suppression's code list is not closed with ']'"
	}
	list := s[1:end]
	pos := at + 1
	for _, part := range strings.Split(list, ",") {
		text := strings.TrimSpace(part)
		if text != "" {
			off := pos + strings.Index(part, text)
			d.Codes = append(d.Codes, Code{Text: text, Span: source.Span{Start: off, End: off + len(text)}})
		}
		pos += len(part) + 1
	}
	if len(d.Codes) == 0 {
		return d, "suppression lists no code"
	}
	return d, ""
}

// commentBody strips the comment delimiters; it returns the body's offset
// within the comment text.
func commentBody(text string) (int, string) {
	switch {
	case strings.HasPrefix(text, "//"):
		return 2, text[2:]
	case strings.HasPrefix(text, "/*"):
		return 2, strings.TrimSuffix(text[2:], "*/")
	case strings.HasPrefix(text, "#"):
		return 1, text[1:]
	case strings.HasPrefix(text, ";"):
		return 1, text[1:]
	}
	return 0, text
}

// targetLine is the line a line directive applies to: its own line when code
// precedes the comment there, else the line after the comment.
func targetLine(idx *textpos.Index, content []byte, c source.Span) int {
	line := idx.Line(c.Start)
	for i := idx.LineStart(line); i < c.Start; i++ {
		if content[i] != ' ' && content[i] != '\t' {
			return line // trailing comment
		}
	}
	return idx.Line(c.End) + 1
}

func quote(s string) string { return "\"" + s + "\"" }
