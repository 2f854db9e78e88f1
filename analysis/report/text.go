package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Text writes ruff-like output: a header line per diagnostic, the source
// line with a caret under the range, then a summary line.
func Text(w io.Writer, diags []diag.Diagnostic, files, read int, lines LinesFunc, content func(path string) []byte) {
	for _, d := range diags {
		r := Range(lines, d.Location)
		fixable := ""
		if len(d.Fixes) > 0 {
			fixable = " [*]"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s [%s]%s %s\n", Printable(r.Path), r.Line, r.Column, d.Code, d.Severity, fixable, Printable(d.Message))
		excerpt(w, d, lines(d.Location.Path), content(d.Location.Path))
	}
	fmt.Fprintln(w, Summary(diags, files, read))
}

// excerpt prints the first line of the range with carets under it, as
// Printable shows it: the carets count its characters.
func excerpt(w io.Writer, d diag.Diagnostic, x *textpos.Index, content []byte) {
	if len(content) == 0 {
		return
	}
	line := x.Line(d.Location.Span.Start)
	start, end := x.LineStart(line), x.LineEnd(line)
	if end-start > 300 {
		return
	}
	at := min(max(d.Location.Span.Start, start), end)
	marked := at
	if x.Line(d.Location.Span.End) == line {
		marked = min(max(d.Location.Span.End, at), end)
	}
	before := Printable(string(content[start:at]))
	under := Printable(string(content[at:marked]))
	text := before + under + Printable(string(content[marked:end]))
	width := max(1, utf8.RuneCountInString(under))
	pad := strings.Map(func(r rune) rune {
		if r == '\t' {
			return '\t'
		}
		return ' '
	}, before)
	num := fmt.Sprint(line + 1)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "%s |\n%s | %s\n%s | %s%s\n", gutter, num, text, gutter, pad, strings.Repeat("^", width))
}

// Summary is the closing line: counts by severity and files analysed. A
// clean run also says how many files it read when some held nothing to
// analyse (a directory without HPy code): success is never claimed about
// files that were not read.
func Summary(diags []diag.Diagnostic, files, read int) string {
	if len(diags) == 0 {
		if read > files {
			return fmt.Sprintf("All checks passed (%s analysed, %s read).", plural(files, "file"), plural(read, "file"))
		}
		return fmt.Sprintf("All checks passed (%s analysed).", plural(files, "file"))
	}
	var counts [4]int
	fixable := 0
	for _, d := range diags {
		if d.Severity >= diag.Info && d.Severity <= diag.Error {
			counts[d.Severity]++
		}
		if len(d.Fixes) > 0 {
			fixable++
		}
	}
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		if counts[s] > 0 {
			parts = append(parts, plural(counts[s], s.String()))
		}
	}
	msg := fmt.Sprintf("Found %s (%s) in %s analysed.", plural(len(diags), "diagnostic"), strings.Join(parts, ", "), plural(files, "file"))
	if fixable > 0 {
		msg += fmt.Sprintf(" %d fixable with hpylint --fix ([*]; --diff previews the changes).", fixable)
	}
	return msg
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
