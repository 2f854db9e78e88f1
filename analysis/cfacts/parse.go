package cfacts

import (
	"fmt"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsc "github.com/tree-sitter/tree-sitter-c/bindings/go"
	tscpp "github.com/tree-sitter/tree-sitter-cpp/bindings/go"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/queries"
)

// grammar is a language with its compiled fact query, shared by all
// goroutines; parsers are not shareable and come from the pool.
type grammar struct {
	lang    *sitter.Language
	query   *sitter.Query
	capture []string
	parsers sync.Pool
}

var (
	grammarsOnce sync.Once
	grammars     [2]*grammar
	grammarsErr  error
)

func loadGrammars() {
	langs := [2]*sitter.Language{sitter.NewLanguage(tsc.Language()), sitter.NewLanguage(tscpp.Language())}
	files := [2]string{"c/facts.scm", "cpp/facts.scm"}
	for i, l := range langs {
		text, err := queries.FS.ReadFile(files[i])
		if err != nil {
			grammarsErr = err
			return
		}
		q, qerr := sitter.NewQuery(l, string(text))
		if qerr != nil {
			grammarsErr = fmt.Errorf("queries/%s: %v", files[i], qerr)
			return
		}
		g := &grammar{lang: l, query: q, capture: q.CaptureNames()}
		g.parsers.New = func() any {
			p := sitter.NewParser()
			if err := p.SetLanguage(l); err != nil {
				panic(err) // the grammars are linked in: this cannot fail at run time
			}
			return p
		}
		grammars[i] = g
	}
}

func grammarFor(l Lang) (*grammar, error) {
	grammarsOnce.Do(loadGrammars)
	if grammarsErr != nil {
		return nil, grammarsErr
	}
	return grammars[l], nil
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
	return p.Parse(src, nil)
}

// complement returns the spans of [0, n) not covered by the sorted,
// non-overlapping spans.
func complement(spans []source.Span, n int) []source.Span {
	if len(spans) == 0 {
		return nil
	}
	var out []source.Span
	at := 0
	for _, s := range spans {
		if s.Start > at {
			out = append(out, source.Span{Start: at, End: s.Start})
		}
		at = s.End
	}
	if at < n {
		out = append(out, source.Span{Start: at, End: n})
	}
	if len(out) == 0 {
		// Everything is macros: parse an empty range rather than the whole file.
		out = append(out, source.Span{Start: n, End: n})
	}
	return out
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
