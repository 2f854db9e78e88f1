package lsp

import (
	"bytes"
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// The "suppress" code actions write the directives package suppress reads:
// `hpylint: ignore[CODE]` on the finding's line (or alone on the line
// before it) and `hpylint: ignore-file[CODE]` at the top of the file.

// commentStyle is how a file writes a line comment: "//" in C and C++,
// "#" in every build config hpylint reads.
func commentStyle(p string) string {
	if _, ok := cfacts.LangOf(p); ok {
		return "//"
	}
	return "#"
}

// ownLineOnly holds the formats where a trailing comment is not safe:
// setup.cfg values run to the end of the line.
func ownLineOnly(p string) bool { return path.Base(p) == "setup.cfg" }

// suppressLineEdit adds the finding's code to a directive on its line, or
// writes one: a trailing comment where the format allows, else a comment
// alone on the line before, which applies to the next line.
//
// x is content's line index when the caller has it (nil: none): a quick
// fix in a 1 MB file would otherwise index the file for each finding.
func suppressLineEdit(p string, content []byte, x *textpos.Index, d diag.Diagnostic) diag.Edit {
	if x == nil || !x.Of(content) {
		x = textpos.New(content)
	}
	line := x.Line(d.Location.Span.Start)
	start, end := x.LineStart(line), x.LineEnd(line)
	text := string(content[start:end])
	if i := strings.Index(text, "hpylint: ignore["); i >= 0 {
		if j := strings.IndexByte(text[i:], ']'); j >= 0 {
			at := start + i + j
			return diag.Edit{Path: p, Span: source.Span{Start: at, End: at}, NewText: ", " + d.Code}
		}
	}
	directive := "hpylint: ignore[" + d.Code + "]"
	style := commentStyle(p)
	trimmed := strings.TrimRight(text, " \t")
	continued := strings.HasSuffix(trimmed, "\\")
	switch {
	case style == "//" && continued:
		// A macro continues on the next line: a block comment before the
		// backslash keeps it one macro.
		at := start + strings.LastIndex(trimmed, "\\")
		return diag.Edit{Path: p, Span: source.Span{Start: at, End: at}, NewText: "/* " + directive + " */ "}
	case continued || ownLineOnly(p):
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		return diag.Edit{Path: p, Span: source.Span{Start: start, End: start}, NewText: indent + style + " " + directive + lineEnding(content)}
	}
	at := start + len(trimmed)
	return diag.Edit{Path: p, Span: source.Span{Start: at, End: end}, NewText: "  " + style + " " + directive}
}

// suppressFileEdit adds the code to the file's ignore-file directive, or
// writes one at the top (after a shebang or coding line in setup.py).
func suppressFileEdit(p string, content []byte, code string) diag.Edit {
	if i := bytes.Index(content, []byte("hpylint: ignore-file[")); i >= 0 {
		if j := bytes.IndexByte(content[i:], ']'); j >= 0 && bytes.IndexByte(content[i:i+j], '\n') < 0 {
			return diag.Edit{Path: p, Span: source.Span{Start: i + j, End: i + j}, NewText: ", " + code}
		}
	}
	at := 0
	if commentStyle(p) == "#" {
		for n := 0; n < 2; n++ {
			rest := content[at:]
			magic := bytes.HasPrefix(rest, []byte("#!")) ||
				bytes.HasPrefix(rest, []byte("#")) && bytes.Contains(firstLine(rest), []byte("coding"))
			if !magic {
				break
			}
			nl := bytes.IndexByte(rest, '\n')
			if nl < 0 {
				break
			}
			at += nl + 1
		}
	}
	return diag.Edit{Path: p, Span: source.Span{Start: at, End: at}, NewText: commentStyle(p) + " hpylint: ignore-file[" + code + "]" + lineEnding(content)}
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// lineEnding is the file's own newline.
func lineEnding(content []byte) string {
	if i := bytes.IndexByte(content, '\n'); i > 0 && content[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}
