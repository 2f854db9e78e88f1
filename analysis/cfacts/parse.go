package cfacts

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
	tscpp "github.com/tree-sitter/tree-sitter-cpp/bindings/go"

	"github.com/hpyproject/hpylint/analysis/ctoken"
	"github.com/hpyproject/hpylint/analysis/source"
	_ "github.com/hpyproject/hpylint/analysis/tsalloc" // no Go round trip per malloc
	"github.com/hpyproject/hpylint/queries"
)

// grammar is a language with its compiled fact query, shared by all
// goroutines; parsers are not shareable and come from the pool.
type grammar struct {
	lang    *sitter.Language
	query   *sitter.Query
	capture []string
	// captureIndex maps the fact query's capture names to indexes.
	captureIndex map[string]int
	kinds        tokenKinds
	decls        declKinds
	names        kindNames
	parsers      sync.Pool
}

// tokenClass is what the macro reader needs to know of a node kind.
type tokenClass uint8

const (
	otherTok tokenClass = iota
	openTok
	closeTok
	commaTok
	literalTok
	commentTok
)

// tokenKinds classifies node kinds by id, so walking tokens compares small
// integers instead of fetching kind names through cgo.
type tokenKinds struct {
	class []tokenClass
	refs  []refClass
}

// refClass tells whether a node kind can be a reference to a name.
type refClass uint8

const (
	notRef refClass = iota
	identifierRef
	typeRef
)

func (k tokenKinds) refOf(id uint16) refClass {
	if int(id) < len(k.refs) {
		return k.refs[id]
	}
	return notRef
}

// of classifies a kind id; ERROR nodes have an id past the table.
func (k tokenKinds) of(id uint16) tokenClass {
	if int(id) < len(k.class) {
		return k.class[id]
	}
	return otherTok
}

func newTokenKinds(l *sitter.Language) tokenKinds {
	k := tokenKinds{class: make([]tokenClass, l.NodeKindCount()), refs: make([]refClass, l.NodeKindCount())}
	for id := range uint16(l.NodeKindCount()) {
		name := l.NodeKindForId(id)
		if l.NodeKindIsNamed(id) {
			switch name {
			case "identifier":
				k.refs[id] = identifierRef
			case "type_identifier":
				k.refs[id] = typeRef
			}
		}
		switch name {
		case "(", "[", "{":
			k.class[id] = openTok
		case ")", "]", "}":
			k.class[id] = closeTok
		case ",":
			k.class[id] = commaTok
		case "string_literal", "char_literal", "raw_string_literal", "concatenated_string", "system_lib_string":
			k.class[id] = literalTok
		case "comment":
			k.class[id] = commentTok
		}
	}
	return k
}

// Each grammar is loaded when first needed: compiling the C++ fact query
// alone takes about 60 ms, which a run over C files need not pay, nor
// wait for.
var (
	grammarsOnce [2]sync.Once
	grammars     [2]*grammar
	grammarsErr  [2]error
)

func loadGrammar(lang Lang) (*grammar, error) {
	l := sitter.NewLanguage(tsc.Language())
	dir := "c"
	if lang == CPP {
		l, dir = sitter.NewLanguage(tscpp.Language()), "cpp"
	}
	q, err := compileQuery(l, dir+"/facts.scm")
	if err != nil {
		return nil, err
	}
	g := &grammar{lang: l, query: q, capture: q.CaptureNames(), kinds: newTokenKinds(l), decls: newDeclKinds(l), names: newKindNames(l), captureIndex: map[string]int{}}
	for i, name := range g.capture {
		g.captureIndex[name] = i
	}
	if len(g.capture) > 32 {
		return nil, fmt.Errorf("queries/%s/facts.scm: %d captures, readTree holds 32", dir, len(g.capture))
	}
	g.parsers.New = func() any {
		p := sitter.NewParser()
		if err := p.SetLanguage(l); err != nil {
			panic(err) // the grammars are linked in: this cannot fail at run time
		}
		return p
	}
	return g, nil
}

// compileQuery compiles queries/shared/facts.scm followed by the
// language's own file as one query.
func compileQuery(l *sitter.Language, file string) (*sitter.Query, error) {
	shared, err := queries.FS.ReadFile("shared/facts.scm")
	if err != nil {
		return nil, err
	}
	own, err := queries.FS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	q, qerr := sitter.NewQuery(l, string(shared)+"\n"+string(own))
	if qerr != nil {
		return nil, fmt.Errorf("queries/shared/facts.scm + queries/%s: %v", file, qerr)
	}
	return q, nil
}

func grammarFor(l Lang) (*grammar, error) {
	if l != C && l != CPP {
		return nil, fmt.Errorf("no grammar for language %d", l)
	}
	grammarsOnce[l].Do(func() { grammars[l], grammarsErr[l] = loadGrammar(l) })
	return grammars[l], grammarsErr[l]
}

// parseRanges parses src reading only the given spans (all of it when spans
// is nil). The caller closes the tree and returns the parser to the pool.
func (g *grammar) parseRanges(p *sitter.Parser, src []byte, lines *lineIndex, spans []source.Span) *sitter.Tree {
	var ranges []sitter.Range
	for _, s := range spans {
		ranges = append(ranges, sitter.Range{
			StartByte: uint(s.Start), EndByte: uint(s.End),
			StartPoint: lines.point(s.Start), EndPoint: lines.point(s.End),
		})
	}
	// A nil slice resets to the whole document.
	_ = p.SetIncludedRanges(ranges)
	return parseRangesChunked(p, src, spans)
}

// parseRangesChunked parses with the parser's included ranges set to spans
// (nil: the whole text), handing over text no further than the end of the
// range being read, since every read is copied: with thousands of ranges,
// 4 KiB per read would copy the file many times over.
func parseRangesChunked(p *sitter.Parser, src []byte, spans []source.Span) *sitter.Tree {
	if len(spans) == 0 {
		return parseChunked(p, src, nil)
	}
	return p.ParseWithOptions(func(off int, _ sitter.Point) []byte {
		i := sort.Search(len(spans), func(i int) bool { return spans[i].End > off })
		end := len(src)
		if i < len(spans) {
			end = spans[i].End
			if off < spans[i].Start {
				end = spans[i].Start // between ranges: up to the next one
			}
		}
		end = min(end, off+readChunk, len(src))
		if end <= off {
			end = min(off+1, len(src))
		}
		if off >= len(src) {
			return nil
		}
		return src[off:end]
	}, nil, nil)
}

// readChunk is how much text the grammar gets per read. The binding copies
// whatever a read returns into C memory (twice) and keeps it until the parse
// ends, so handing it "the rest of the file", as Parser.Parse does, costs
// O(file) per read: quadratic with included ranges, which read once per
// range. Small chunks keep each read cheap.
const readChunk = 4096

// reparseChunk is the read size of an incremental parse: it seeks to the
// edges of every subtree it reuses, and copies a whole chunk at each seek,
// so reads there are kept small.
const reparseChunk = 256

// parseChunked parses src, incrementally when old is given.
func parseChunked(p *sitter.Parser, src []byte, old *sitter.Tree) *sitter.Tree {
	chunk := readChunk
	if old != nil {
		chunk = reparseChunk
	}
	return p.ParseWithOptions(func(off int, _ sitter.Point) []byte {
		if off >= len(src) {
			return nil
		}
		return src[off:min(off+chunk, len(src))]
	}, old, nil)
}

// blank returns a copy of src with the given spans turned to spaces (line
// breaks kept, so every offset and line stays where it was). The main C
// parse reads this copy: HPy's macros are then whitespace to the grammar.
// Included ranges would do the same, but the parser reads its input once
// per range, which made parses of macro-dense files several times slower.
// A lone CR (old Mac files) becomes a LF in the copy: GCC ends a line
// there, the grammar only at a LF, and a #define would run to the end of
// the file.
func blank(src []byte, spans []source.Span) []byte {
	out := bytes.Clone(src)
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		out[i] = parsedByte(src, i)
		next := bytes.IndexByte(src[i+1:], '\r')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	return out
}

// parsedByte is src[i] as the parsed copy holds it outside HPy's macros:
// a lone CR reads as a LF.
func parsedByte(src []byte, i int) byte {
	if src[i] == '\r' && ctoken.IsLineEnd(src, i) {
		return '\n'
	}
	return src[i]
}

// lineIndex gives tree-sitter points for byte offsets.
type lineIndex struct{ starts []int }

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts}
}

// edit updates the index for [start, oldEnd) replaced by newText.
func (x *lineIndex) edit(start, oldEnd int, newText []byte) {
	delta := len(newText) - (oldEnd - start)
	lo := sort.SearchInts(x.starts, start+1) // first line start after the edit's start
	hi := sort.SearchInts(x.starts, oldEnd+1)
	var added []int
	for i, b := range newText {
		if b == '\n' {
			added = append(added, start+i+1)
		}
	}
	tail := x.starts[hi:]
	for i := range tail {
		tail[i] += delta
	}
	x.starts = slices.Replace(x.starts, lo, hi, added...) // in place: a keystroke moves, not copies, the table
}

func (x *lineIndex) point(off int) sitter.Point {
	lo, hi := 0, len(x.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return sitter.Point{Row: uint(lo), Column: uint(off - x.starts[lo])}
}
