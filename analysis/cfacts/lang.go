package cfacts

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/ctoken"
)

// A .h file is C or C++ depending on who includes it, and on its own on
// what it holds. C++ read with the C grammar is a run of ERROR nodes (a
// template, a class, a namespace), and the references inside are lost; C
// read with the C++ grammar parses all the same, but for C++ keywords
// used as names, which a header a C++ source includes cannot use anyway.

// LangOfContent is LangOf, except that a C header (.h) whose content is
// C++ (see IsCPlusPlus) is C++.
func LangOfContent(path string, content []byte) (Lang, bool) {
	lang, ok := LangOf(path)
	if ok && lang == C && isHeaderName(path) && IsCPlusPlus(content) {
		return CPP, true
	}
	return lang, ok
}

func isHeaderName(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".h")
}

// IsCPlusPlus is a cheap token test for text only C++ accepts: a
// namespace, a template, a class definition or declaration, extern "C++",
// or an #include of a header without extension (<vector>: every C
// standard header ends in .h). Comments and literals are skipped, and so
// is what only a C++ compiler reads (#ifdef __cplusplus): a header written
// for both languages is C.
func IsCPlusPlus(src []byte) bool {
	n := len(src)
	lineStart := true
	var groups cplusplusGroups
	prev := "" // the identifier just before the current token, if it was one
	for i := 0; i < n; {
		c := src[i]
		switch {
		case ctoken.IsSpace(c):
			var ended bool
			i, ended = ctoken.SkipSpace(src, i)
			lineStart = lineStart || ended // a lone CR ends a line too
			continue
		case c == '#' && lineStart:
			end := min(ctoken.SkipPreprocessorLine(src, i), n)
			line := src[i+1 : end]
			groups.directive(line)
			if !groups.cppOnly() && extensionlessSystemInclude(line) {
				return true
			}
			i, prev = end, ""
			continue
		case c == '/' && i+1 < n && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			end, _ := quotedEnd(src, i)
			if prev == "extern" && string(src[i:end]) == `"C++"` && !groups.cppOnly() {
				return true
			}
			i, prev = end, ""
		case ctoken.IsIdentStart(c):
			start := i
			for i < n && ctoken.IsIdentPart(src[i]) {
				i++
			}
			word := string(src[start:i])
			next := skipBlank(src, i)
			following := byte(0)
			if next < n {
				following = src[next]
			}
			cpp := word == "template" && following == '<' ||
				word == "namespace" && (following == '{' || ctoken.IsIdentStart(following)) ||
				prev == "using" && word == "namespace" ||
				// class Name {, class Name : Base, class Name;, class Name final
				prev == "class" && (following == '{' || following == ':' || following == ';' || hasWordAt(src, next, "final"))
			if cpp && !groups.cppOnly() {
				return true
			}
			prev = word
		default:
			i++
			prev = ""
		}
		lineStart = false
	}
	return false
}

// cplusplusGroups follows the #if groups around the text, to tell
// whether it is read by a C++ compiler only (#ifdef __cplusplus, or the
// #else of #ifndef __cplusplus).
type cplusplusGroups []cplusplusGroup

type cplusplusGroup struct {
	test   int8 // 1: true under C++ only, -1: false under C++ only, 0: other
	inElse bool
}

func (g *cplusplusGroups) directive(line []byte) {
	switch directiveName(line) {
	case "if", "ifdef", "ifndef":
		*g = append(*g, cplusplusGroup{test: cplusplusTest(line)})
	case "elif", "else":
		if k := len(*g) - 1; k >= 0 {
			(*g)[k].inElse = true
		}
	case "endif":
		if k := len(*g) - 1; k >= 0 {
			*g = (*g)[:k]
		}
	}
}

func (g cplusplusGroups) cppOnly() bool {
	for _, c := range g {
		if c.test == 1 && !c.inElse || c.test == -1 && c.inElse {
			return true
		}
	}
	return false
}

// cplusplusTest reads an #if, #ifdef or #ifndef (after its '#'): 1 when it
// holds only under C++ (#ifdef __cplusplus, #if defined(__cplusplus) &&
// ...), -1 when it fails only under C++ (#ifndef __cplusplus), 0 otherwise.
func cplusplusTest(line []byte) int8 {
	s := string(line)
	if !strings.Contains(s, "__cplusplus") || strings.Contains(s, "||") {
		return 0
	}
	negated := strings.Contains(s, "!")
	switch directiveName(line) {
	case "ifndef":
		negated = !negated
	}
	switch {
	case negated && strings.Contains(s, "&&"):
		return 0
	case negated:
		return -1
	}
	return 1
}

func hasWordAt(src []byte, i int, word string) bool {
	end := i + len(word)
	return end <= len(src) && string(src[i:end]) == word && (end == len(src) || !ctoken.IsIdentPart(src[end]))
}

// extensionlessSystemInclude reports whether a directive (after its '#')
// is #include <name> with no '.' in name.
func extensionlessSystemInclude(line []byte) bool {
	s := strings.TrimSpace(string(line))
	if !strings.HasPrefix(s, "include") {
		return false
	}
	s = strings.TrimSpace(s[len("include"):])
	if !strings.HasPrefix(s, "<") {
		return false
	}
	end := strings.IndexByte(s, '>')
	return end > 1 && !strings.ContainsAny(s[1:end], ". ")
}
