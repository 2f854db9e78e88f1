package defindex

import (
	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
)

// mayDefine lists the names src may define, read from its tokens alone: an
// identifier in the place of a declared name (after a type name, `*`,
// `struct` or a typedef's closing brace, and before `(`, `;`, `=`, `[`,
// `,`, `)`, `{` or `:`), an enumerator, a #define's name, and the
// identifiers among the arguments of HPy's declaration macros (which
// generate names from them: HPyType_HELPERS(PyFoo) defines PyFoo_AsStruct).
// It is a sieve, never the answer: the files it points at are parsed, and
// their facts decide. A name used in an expression (a call after `=`, `(`,
// `return` or a statement's start) does not pass, so a CPython name, used
// everywhere and defined nowhere, sends no file to the parser.
//
// Each name comes with the top-level item it is in (a declaration, a
// function definition, a #define line): looking whether a name is defined,
// only that item needs parsing.
func mayDefine(src []byte) []hit {
	s := sieve{src: src, typedefAt: -1, itemEmpty: true}
	s.run()
	for _, k := range s.pending {
		s.hits[k].item.End = len(src)
	}
	return s.hits
}

// hit is a name the sieve passed and the item it lies in.
type hit struct {
	name string
	item source.Span
}

// stemMark marks, in mayDefine's list, an identifier among HPy macro
// arguments: names pasted from it may be defined too.
const stemMark = "\x00"

type sieve struct {
	src  []byte
	hits []hit
	// The current top-level item started at itemStart; itemEmpty is set
	// until a token of it is seen. pending are the hits in it, waiting for
	// its end.
	itemStart int
	itemEmpty bool
	pending   []int
	// prev is the last significant token: an identifier (prevIdent holds
	// its text) or a punctuation byte.
	prev      byte
	prevIdent []byte
	// prevPrevIdent is the identifier before prev, when prev is one: `enum
	// Tag {` opens an enumerator list as `enum {` does.
	prevPrevIdent []byte
	// braces holds, per open brace, the keyword that opened it as a type
	// body ("struct", "union", "enum", "class"), "scope" for the body of
	// extern "C" or a namespace (whose items are top-level items), "" for
	// other braces.
	braces []string
	// macroDepth is the parenthesis depth inside the arguments of an HPy
	// declaration macro, 0 outside; macroNext is set between its name and
	// its '('.
	macroDepth int
	macroNext  bool
	// externC is set after `extern "C"`.
	externC bool
	// typedefAt is the brace depth of the typedef being read, -1 outside
	// one: there `(Name)` and `(*Name)` declare Name too.
	typedefAt int
}

const identTok = 'a' // prev value for an identifier

func (s *sieve) run() {
	src := s.src
	n := len(src)
	lineStart := true
	for i := 0; i < n; {
		c := src[i]
		switch {
		case ctoken.IsSpace(c):
			var ended bool
			i, ended = ctoken.SkipSpace(src, i)
			lineStart = lineStart || ended // a lone CR ends a line too
			continue
		case c == '#' && lineStart:
			i = s.directive(i)
			continue
		case c == '/' && i+1 < n && (src[i+1] == '/' || src[i+1] == '*'):
			i = ctoken.SkipComment(src, i)
			continue
		case c == '"' || c == '\'':
			i = ctoken.SkipQuoted(src, i)
			s.punct('"', i)
		case ctoken.IsIdentStart(c):
			start := i
			for i < n && ctoken.IsIdentPart(src[i]) {
				i++
			}
			s.ident(src[start:i], i)
		case c == '&' && i+1 < n && src[i+1] == '&':
			i += 2 // a logical and, not a reference declarator
			s.punct('|', i)
		default:
			i++
			s.punct(c, i)
		}
		lineStart = false
	}
}

// ident handles the identifier tok, which ends at end.
func (s *sieve) ident(tok []byte, end int) {
	next := nextByte(s.src, end)
	s.itemEmpty = false
	switch {
	case s.macroDepth > 0:
		s.add(string(tok))
		s.add(stemMark + string(tok))
	case (declaredPlace(s.prev, s.prevIdent) || s.typedefAt >= 0 && s.prev == '(') && endsDeclarator(next):
		s.add(string(tok))
	case s.inEnum() && (s.prev == '{' || s.prev == ',') && (next == '=' || next == ',' || next == '}'):
		s.add(string(tok))
	}
	if string(tok) == "typedef" {
		s.typedefAt = len(s.braces)
	}
	if s.macroDepth == 0 && next == '(' && isHPyDeclarationMacro(tok) {
		s.macroNext = true
	}
	s.prevPrevIdent = nil
	if s.prev == identTok {
		s.prevPrevIdent = s.prevIdent
	}
	s.prev, s.prevIdent = identTok, tok
}

func (s *sieve) add(name string) {
	s.pending = append(s.pending, len(s.hits))
	s.hits = append(s.hits, hit{name: name, item: source.Span{Start: s.itemStart}})
}

// endItem closes the current item at end: the next starts there.
func (s *sieve) endItem(end int) {
	for _, k := range s.pending {
		s.hits[k].item.End = end
	}
	s.pending = s.pending[:0]
	s.itemStart, s.itemEmpty = end, true
}

// itemDepth counts the open braces other than scopes.
func (s *sieve) itemDepth() int {
	d := 0
	for _, b := range s.braces {
		if b != "scope" {
			d++
		}
	}
	return d
}

// punct handles the punctuation c, which ends at end.
func (s *sieve) punct(c byte, end int) {
	s.itemEmpty = s.itemEmpty && c == '{' && s.opensScope()
	switch c {
	case ';':
		if s.typedefAt == len(s.braces) {
			s.typedefAt = -1
		}
		if s.itemDepth() == 0 {
			s.endItem(end)
		}
	case '*', '&':
		if s.prev != identTok && s.prev != '*' && s.prev != '(' {
			c = '-' // a dereference or an address, not a declarator
		}
	case '(':
		if s.macroNext || s.macroDepth > 0 {
			s.macroDepth++
		}
		s.macroNext = false
	case ')':
		if s.macroDepth > 0 {
			s.macroDepth--
		}
	case '{':
		kw := ""
		switch {
		case s.opensScope():
			kw = "scope"
			s.endItem(end) // the items inside are top-level
		case s.prev == identTok:
			kw = aggregateKeyword(s.prevIdent, s.prevPrevIdent)
		}
		s.braces = append(s.braces, kw)
	case '}':
		kw := ""
		if len(s.braces) > 0 {
			kw = s.braces[len(s.braces)-1]
			s.braces = s.braces[:len(s.braces)-1]
		}
		if kw == "" {
			// A block's end: what follows starts a statement, it is not
			// declared by the block (only a struct's brace can precede
			// the names a typedef or a declaration gives it).
			c = ';'
		}
		if kw == "scope" || kw == "" && s.itemDepth() == 0 {
			s.endItem(end) // a scope's or a function body's end
		}
	}
	s.externC = c == '"' && s.prev == identTok && string(s.prevIdent) == "extern"
	s.prev, s.prevIdent, s.prevPrevIdent = c, nil, nil
}

func (s *sieve) inEnum() bool { return len(s.braces) > 0 && s.braces[len(s.braces)-1] == "enum" }

// aggregateKeyword is the keyword of `struct {` or `struct Tag {`, given
// the two identifiers before the brace.
func aggregateKeyword(last, beforeLast []byte) string {
	for _, w := range [][]byte{last, beforeLast} {
		switch string(w) {
		case "struct", "union", "enum", "class":
			return string(w)
		}
	}
	return ""
}

// opensScope reports whether a '{' now opens the body of extern "C" or of
// a namespace.
func (s *sieve) opensScope() bool {
	return s.prev == '"' && s.externC ||
		s.prev == identTok && (string(s.prevIdent) == "namespace" || string(s.prevPrevIdent) == "namespace")
}

// directive reads a preprocessor line from its '#': a #define's name is
// recorded with the line as its item, the rest skipped (continuation lines
// included).
func (s *sieve) directive(hash int) int {
	src := s.src
	i := hash + 1
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	j := i
	for j < len(src) && ctoken.IsIdentPart(src[j]) {
		j++
	}
	if string(src[i:j]) == "define" {
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		k := j
		for k < len(src) && ctoken.IsIdentPart(src[k]) {
			k++
		}
		if k > j {
			s.hits = append(s.hits, hit{name: string(src[j:k]), item: source.Span{Start: hash, End: ctoken.SkipPreprocessorLine(src, k)}})
		}
	}
	end := ctoken.SkipPreprocessorLine(src, j)
	if s.itemEmpty {
		s.itemStart = end // a directive between items belongs to none
	}
	s.prev, s.prevIdent, s.prevPrevIdent = ';', nil, nil
	return end
}

// declaredPlace reports whether a token after prev can be a declared name:
// prev is a type name or specifier, `*` or `&` of a declarator, or the
// closing brace of a struct in a typedef.
func declaredPlace(prev byte, prevIdent []byte) bool {
	switch prev {
	case '*', '&', '}':
		return true
	case identTok:
		return !notTypeKeyword(prevIdent)
	}
	return false
}

// notTypeKeyword lists the keywords an expression can follow.
func notTypeKeyword(w []byte) bool {
	switch string(w) {
	case "return", "case", "goto", "sizeof", "else", "do", "typeof", "__typeof__", "throw", "new", "delete", "co_return", "co_yield", "alignof", "_Alignof", "defined":
		return true
	}
	return false
}

func endsDeclarator(next byte) bool {
	switch next {
	case '(', ';', '=', '[', ',', ')', '{', ':', 0:
		return true
	}
	return false
}

// isHPyDeclarationMacro names the macros whose arguments name what they
// define (see cfacts.MacroCall.DefinedNames).
func isHPyDeclarationMacro(tok []byte) bool {
	s := string(tok)
	switch s {
	case "HPyType_HELPERS", "HPyType_LEGACY_HELPERS", "HPy_MODINIT":
		return true
	}
	return len(s) > len("HPyDef_") && s[:len("HPyDef_")] == "HPyDef_"
}

// nextByte is the first byte after off that is not blank, 0 at the end.
func nextByte(src []byte, off int) byte {
	for off < len(src) {
		switch c := src[off]; c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			off++
		default:
			return c
		}
	}
	return 0
}
