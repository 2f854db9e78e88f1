package tomldoc

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc

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
	if doc, problems, ok := lastParse.get(content); ok {
		return doc, problems
	}
	doc, problems := parse(content)
	lastParse.put(content, doc, problems)
	return doc, slices.Clip(problems)
}

func parse(content []byte) (*Doc, []Problem) {
	b, tree := begin(content)
	defer b.w.close()
	if tree == nil {
		return b.doc, b.problems
	}
	defer tree.Close()
	b.build(tree.RootNode())
	return b.doc, b.problems
}

// begin parses content, blanking the lines that break it (recoverLines).
// The tree is nil when there is none; the problems say why.
func begin(content []byte) (*builder, *sitter.Tree) {
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
		return b, nil
	}
	tree := p.Parse(content, nil)
	if tree == nil {
		b.problemf(source.Span{}, "the parser gave up")
		return b, nil
	}
	tree = b.recoverLines(func(src []byte) *sitter.Tree { return p.Parse(src, nil) }, tree)
	b.reportBlanked(content)
	return b, tree
}

// build reads the document from the tree begin made.
func (b *builder) build(root *sitter.Node) {
	b.scan(root)
	b.document(root)
	sort.SliceStable(b.doc.Comments, func(i, j int) bool {
		return b.doc.Comments[i].Span.Start < b.doc.Comments[j].Span.Start
	})
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
}

type builder struct {
	// src is the content being read, with the lines recoverLines blanked.
	src         []byte
	doc         *Doc
	problems    []Problem
	dropped     int
	blanked     []blankedLines
	lostHeaders []int // offsets of blanked "[...]" lines
	w           walker
}

func (b *builder) problemf(span source.Span, format string, args ...any) {
	if len(b.problems) >= maxProblems {
		b.dropped++
		return
	}
	msg := fmt.Sprintf("invalid TOML at line %d: ", b.doc.Line(span.Start)) + fmt.Sprintf(format, args...)
	b.problems = append(b.problems, Problem{Span: span, Message: msg})
}

func spanOf(n *sitter.Node) source.Span {
	return source.Span{Start: int(n.StartByte()), End: int(n.EndByte())}
}

func (b *builder) text(n kid) string {
	return string(b.src[n.start:n.end])
}

// scan reports ERROR and MISSING nodes. It does not report errors nested
// in an ERROR node: they are the same mistake.
func (b *builder) scan(root *sitter.Node) {
	if root.IsError() {
		b.reportError(spanOf(root))
		return
	}
	b.scanErrors(root)
}

// scanErrors descends only into subtrees that hold an error: on a valid
// file it reads the top level and stops.
func (b *builder) scanErrors(n *sitter.Node) {
	for _, c := range b.w.kids(n) {
		switch {
		case c.kind == "ERROR":
			b.reportError(c.span())
		case !c.node.HasError():
		case c.node.IsMissing():
			b.problemf(c.span(), "missing %q", c.kind)
		default:
			b.scanErrors(&c.node)
		}
	}
}

func (b *builder) reportError(span source.Span) {
	// Error nodes often start with the line break before the bad token;
	// point at the token itself.
	whole := span
	for span.Start < span.End && isTOMLSpace(b.src[span.Start]) {
		span.Start++
	}
	if span.Start == span.End {
		b.problemf(whole, "unexpected line break")
	} else {
		b.problemf(span, "syntax error at %s", excerpt(b.src[span.Start:span.End]))
	}
}

// commentsIn collects the comments among kids and below them, errors
// included. A comment starts with '#', so a node whose text has none holds
// no comment and is not listed: on most files that is every pair. Tables
// are left to section, which lists their children anyway.
func (b *builder) commentsIn(kids []kid, skipTables bool) {
	for i := range kids {
		k := &kids[i]
		switch {
		case k.kind == "comment":
			b.doc.Comments = append(b.doc.Comments, source.Comment{Span: k.span(), Text: b.text(*k)})
		case skipTables && (k.kind == "table" || k.kind == "table_array_element"):
		case bytes.IndexByte(b.src[k.start:k.end], '#') >= 0:
			b.commentsIn(b.w.kids(&k.node), false)
		}
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
