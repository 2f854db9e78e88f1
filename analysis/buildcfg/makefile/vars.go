package makefile

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/source"
)

// pieceKind tells what a piece of an unexpanded value is.
type pieceKind int

const (
	literal pieceKind = iota // text of the file
	ref                      // $(NAME) or ${NAME}
	opaque                   // anything we keep as written
	nested                   // the earlier value of a variable (+= on a := one)
)

// piece is one element of a value as written.
type piece struct {
	kind       pieceKind
	start, end int    // in the file; -1 for synthetic text
	text       string // literal/opaque text
	name       string // ref
	subst      *subst // ref with a $(NAME:from=to) substitution
	variable   *variable
}

// subst is the pattern part of $(NAME:from=to).
type subst struct{ from, to string }

// variable is a make variable. A recursive one (=) expands with the
// variables in force when it is used; a simple one (:=) with those in force
// when it was assigned, which scope keeps (a copy of the table).
type variable struct {
	pieces []piece
	scope  vars
}

func (v *variable) recursive() bool { return v.scope == nil }

// vars is a make variable table. Assignments never mutate a variable in
// place, so a copy of the map is an independent scope (target-specific
// variables, the scope of a := assignment).
type vars map[string]*variable

func (v vars) clone() vars {
	c := make(vars, len(v))
	for k, x := range v {
		c[k] = x
	}
	return c
}

// maxChunks bounds one expansion: variables that double at every level
// ($(A)$(A)) are cut short instead of exhausting memory.
const maxChunks = 4096

// maxDepth bounds how many reference sites a chunk remembers; deeper ones
// are not needed to place a word.
const maxDepth = 16

type expander struct {
	src      []byte
	budget   int
	visiting map[*variable]bool
}

func newExpander(src []byte) *expander {
	return &expander{src: src, budget: maxChunks, visiting: map[*variable]bool{}}
}

// expandIn expands pieces with the variables of scope.
func expandIn(scope vars, src []byte, pieces []piece) []chunk {
	return newExpander(src).expand(scope, pieces, nil)
}

func (e *expander) text(start, end int) string {
	if start < 0 || end > len(e.src) || start > end {
		return ""
	}
	return string(e.src[start:end])
}

// expand expands pieces into chunks; path is the list of reference sites
// that led here. Unknown variables and self-references stay as written;
// past the budget the value is cut short.
func (e *expander) expand(scope vars, pieces []piece, path []source.Span) []chunk {
	var out []chunk
	for _, p := range pieces {
		if e.budget <= 0 {
			return out
		}
		e.budget--
		switch p.kind {
		case literal:
			out = append(out, chunk{start: p.start, end: p.end, text: p.text, path: path})
		case opaque:
			out = append(out, chunk{start: p.start, end: p.end, text: p.text, opaque: true, path: path})
		case nested:
			out = append(out, e.variable(scope, p.variable, path)...)
		case ref:
			out = append(out, e.reference(scope, p, path)...)
		}
	}
	return out
}

// variable expands one variable's value in its own scope (a simple one)
// or the current one (a recursive one).
func (e *expander) variable(scope vars, v *variable, path []source.Span) []chunk {
	if v.scope != nil {
		scope = v.scope
	}
	e.visiting[v] = true
	defer delete(e.visiting, v)
	return e.expand(scope, v.pieces, path)
}

// known reports whether chunks are not only unexpanded calls and
// references (an empty value is known: it adds nothing).
func known(chunks []chunk) bool {
	opaque := false
	for _, c := range chunks {
		if !c.opaque && strings.TrimSpace(c.text) != "" {
			return true
		}
		opaque = opaque || c.opaque
	}
	return !opaque
}

func (e *expander) asWritten(p piece, path []source.Span) chunk {
	return chunk{start: p.start, end: p.end, text: e.text(p.start, p.end), opaque: true, path: path}
}

func (e *expander) reference(scope vars, p piece, path []source.Span) []chunk {
	v, ok := scope[p.name]
	if !ok || e.visiting[v] {
		if p.start < 0 {
			// An implicit rule's variable nobody set adds nothing.
			return nil
		}
		return []chunk{e.asWritten(p, path)}
	}
	site := path
	if len(path) < maxDepth {
		site = append(append(make([]source.Span, 0, len(path)+1), path...), source.Span{Start: p.start, End: p.end})
	}
	chunks := e.variable(scope, v, site)
	if !known(chunks) && p.start >= 0 {
		// Only calls and unknown references inside: $(VAR) as written
		// says more than the shell command it stands for.
		return []chunk{e.asWritten(p, path)}
	}
	if p.subst == nil {
		return chunks
	}
	return substitute(splitWords(chunks, false), p.subst, site)
}

// substitute applies $(VAR:from=to) to each word: a % pattern like
// patsubst, else a suffix replacement. Each result keeps the place its word
// was written.
func substitute(words []word, s *subst, site []source.Span) []chunk {
	var out []chunk
	for _, w := range words {
		value := w.value
		if strings.Contains(s.from, "%") {
			value = patsubst(s.from, s.to, value)
		} else if strings.HasSuffix(value, s.from) {
			value = strings.TrimSuffix(value, s.from) + s.to
		}
		sp, ok := w.span()
		if !ok {
			sp = site[len(site)-1]
		}
		out = append(out, chunk{start: sp.Start, end: sp.End, text: value, whole: true, path: site},
			chunk{start: -1, end: -1, text: " ", path: site})
	}
	return out
}

// patsubst replaces a word matching pattern (one %) with replacement, the
// % of which takes the matched stem.
func patsubst(pattern, replacement, w string) string {
	stem, ok := match(pattern, w)
	if !ok {
		return w
	}
	return strings.Replace(replacement, "%", stem, 1)
}

// match matches a word against a make pattern with at most one %.
func match(pattern, w string) (string, bool) {
	i := strings.IndexByte(pattern, '%')
	if i < 0 {
		return "", pattern == w
	}
	pre, suf := pattern[:i], pattern[i+1:]
	if len(w) < len(pre)+len(suf) || !strings.HasPrefix(w, pre) || !strings.HasSuffix(w, suf) {
		return "", false
	}
	return w[len(pre) : len(w)-len(suf)], true
}

// assign applies NAME op value to a variable table, as make does.
func assign(v vars, name, op string, pieces []piece) {
	old, exists := v[name]
	switch op {
	case "?=":
		if !exists {
			v[name] = &variable{pieces: pieces}
		}
	case ":=", "::=", ":::=":
		v[name] = &variable{pieces: pieces, scope: v.clone()}
	case "+=":
		switch {
		case !exists:
			v[name] = &variable{pieces: pieces}
		case old.recursive():
			joined := append(append([]piece(nil), old.pieces...), space)
			v[name] = &variable{pieces: append(joined, pieces...)}
		default:
			// A simple variable stays simple: the new text expands now.
			joined := []piece{{kind: nested, variable: old}, space}
			v[name] = &variable{pieces: append(joined, pieces...), scope: v.clone()}
		}
	default:
		v[name] = &variable{pieces: pieces}
	}
}

// space is what += puts between the old and the new text.
var space = piece{kind: literal, start: -1, end: -1, text: " "}
