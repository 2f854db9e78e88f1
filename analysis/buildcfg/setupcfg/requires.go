package setupcfg

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/buildcfg/setupcfg/ini"
	"github.com/hpyproject/hpylint/analysis/source"
)

// requirements splits setup_requires the way setuptools does: one entry per
// line when the value spans lines, otherwise entries separated by ';'.
func requirements(content []byte, e *ini.Entry) *buildcfg.RequirementList {
	rl := &buildcfg.RequirementList{Span: e.Span}
	lines := e.NonEmptyLines()
	multiline := strings.Contains(e.Value(), "\n")
	for _, l := range lines {
		parts := []ini.Line{l}
		if !multiline {
			parts = splitLine(l, ';')
		}
		for _, p := range parts {
			if name := buildcfg.RequirementName(p.Text); name != "" {
				rl.Entries = append(rl.Entries, buildcfg.Requirement{Name: name, Span: p.Span})
			}
		}
	}
	switch {
	case len(lines) == 0:
		// "setup_requires =" with nothing after it.
		rl.InsertAt, rl.InsertText = e.Span.Start, " NAME"
	case multiline:
		last := lines[len(lines)-1]
		rl.InsertAt, rl.InsertText = last.Span.End, "\n"+indentOf(content, last.Span.Start)+"NAME"
	default:
		rl.InsertAt, rl.InsertText = lines[0].Span.End, "; NAME"
	}
	return rl
}

// splitLine cuts a value line at sep, trimming each part and its span.
func splitLine(l ini.Line, sep byte) []ini.Line {
	var out []ini.Line
	start := 0
	for i := 0; i <= len(l.Text); i++ {
		if i < len(l.Text) && l.Text[i] != sep {
			continue
		}
		s, e := start, i
		for s < e && (l.Text[s] == ' ' || l.Text[s] == '\t') {
			s++
		}
		for e > s && (l.Text[e-1] == ' ' || l.Text[e-1] == '\t') {
			e--
		}
		if s < e {
			out = append(out, ini.Line{Text: l.Text[s:e], Span: source.Span{Start: l.Span.Start + s, End: l.Span.Start + e}})
		}
		start = i + 1
	}
	return out
}

// indentOf returns the leading blanks of the line holding off.
func indentOf(content []byte, off int) string {
	ls := off
	for ls > 0 && content[ls-1] != '\n' {
		ls--
	}
	i := ls
	for i < off && (content[i] == ' ' || content[i] == '\t') {
		i++
	}
	return string(content[ls:i])
}
