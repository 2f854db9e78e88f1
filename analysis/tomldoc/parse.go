package tomldoc

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	tstoml "github.com/tree-sitter-grammars/tree-sitter-toml/bindings/go"
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// The Language is safe to share between goroutines; parsers are not, so
// each Parse call makes its own.
var language = sitter.NewLanguage(tstoml.Language())

// maxProblems bounds the report on garbage input: past a few dozen errors
// the rest are consequences of the first ones.
const maxProblems = 50

// Parse reads TOML content. It always returns a Doc holding whatever could
// be read; the problems say where the content is not valid TOML. Lines that
// break the parse are skipped so the rest is still read (see recover.go);
// pairs and tables touched by a syntax error are left out rather than
// guessed at.
func Parse(content []byte) (*Doc, []Problem) {
	b := &builder{
		src: content,
		doc: &Doc{Root: newTable(Root), lines: lineStarts(content)},
	}
	if !utf8.Valid(content) {
		off := firstInvalidUTF8(content)
		b.problemf(source.Span{Start: off, End: off + 1}, "the file is not valid UTF-8")
	}
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(language); err != nil {
		b.problemf(source.Span{}, "cannot load the TOML grammar: %v", err)
		return b.doc, b.problems
	}
	tree := p.Parse(content, nil)
	if tree == nil {
		b.problemf(source.Span{}, "the parser gave up")
		return b.doc, b.problems
	}
	tree = b.recoverLines(func(src []byte) *sitter.Tree { return p.Parse(src, nil) }, tree)
	defer tree.Close()
	b.reportBlanked(content)
	root := tree.RootNode()
	b.scan(root)
	b.document(root)
	// Syntax errors are found before the rules about keys; report both
	// in file order.
	sort.SliceStable(b.problems, func(i, j int) bool {
		return b.problems[i].Span.Start < b.problems[j].Span.Start
	})
	if b.dropped > 0 {
		last := b.problems[len(b.problems)-1].Span
		b.problems = append(b.problems, Problem{Span: last,
			Message: fmt.Sprintf("invalid TOML: %d more problems not shown", b.dropped)})
	}
	return b.doc, b.problems
}

type builder struct {
	// src is the content being read, with the lines recoverLines blanked.
	src         []byte
	doc         *Doc
	problems    []Problem
	dropped     int
	blanked     []blankedLines
	lostHeaders []int // offsets of blanked "[...]" lines
}

func (b *builder) problemf(span source.Span, format string, args ...any) {
	if len(b.problems) >= maxProblems {
		b.dropped++
		return
	}
	msg := fmt.Sprintf("invalid TOML at line %d: ", b.doc.Line(span.Start)) + fmt.Sprintf(format, args...)
	b.problems = append(b.problems, Problem{Span: span, Message: msg})
}

// kids lists a node's children. Node.Child(i) walks from the first child
// on every call, which is quadratic on the wide ERROR nodes garbage input
// produces; a cursor is linear.
func kids(n *sitter.Node) []*sitter.Node {
	c := n.Walk()
	defer c.Close()
	nodes := n.Children(c)
	out := make([]*sitter.Node, len(nodes))
	for i := range nodes {
		out[i] = &nodes[i]
	}
	return out
}

func spanOf(n *sitter.Node) source.Span {
	return source.Span{Start: int(n.StartByte()), End: int(n.EndByte())}
}

func (b *builder) text(n *sitter.Node) string {
	return string(b.src[n.StartByte():n.EndByte()])
}

// scan collects comments and reports ERROR and MISSING nodes. It does not
// report errors nested in an ERROR node: they are the same mistake.
func (b *builder) scan(n *sitter.Node) {
	b.scanNode(n, false)
}

func (b *builder) scanNode(n *sitter.Node, inError bool) {
	switch {
	case n.Kind() == "comment":
		b.doc.Comments = append(b.doc.Comments, source.Comment{Span: spanOf(n), Text: b.text(n)})
		return
	case n.IsMissing() && !inError:
		b.problemf(spanOf(n), "missing %q", n.Kind())
		return
	case n.IsError() && !inError:
		// Error nodes often start with the line break before the bad
		// token; point at the token itself.
		span := spanOf(n)
		for span.Start < span.End && isTOMLSpace(b.src[span.Start]) {
			span.Start++
		}
		if span.Start == span.End {
			b.problemf(spanOf(n), "unexpected line break")
		} else {
			b.problemf(span, "syntax error at %s", excerpt(b.src[span.Start:span.End]))
		}
		inError = true
	}
	for _, c := range kids(n) {
		b.scanNode(c, inError)
	}
}

// excerpt quotes the first line of some text, shortened, for messages.
func excerpt(text []byte) string {
	s := string(text)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return fmt.Sprintf("%q", s)
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}
