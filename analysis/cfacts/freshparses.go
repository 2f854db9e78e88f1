package cfacts

import (
	"sync"
	"sync/atomic"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Opening a file parses every segment afresh, one after the other on one
// core: 200 ms of the 1 MB generated file's 290. So does an edit that
// moves the cuts of many segments. Segments are parsed apart anyway, so
// the segments to parse afresh are shared between two parsers, each on a
// goroutine of its own, in two runs of about as many bytes each.

// parallelParseMin is the fewest bytes parsed afresh on two goroutines:
// below it, the second goroutine costs more than it saves. Tests lower it.
var parallelParseMin = 16 << 10

// parsesInHalves counts the fresh parses shared between two parsers, for
// tests.
var parsesInHalves atomic.Int64

// parseAllFresh parses afresh the segments of segs at the indexes fresh,
// whose spans are set.
func (d *Document) parseAllFresh(segs []segment, fresh []int, parsed []byte, lines *lineIndex, src []byte, contentEnd int) {
	total := 0
	for _, i := range fresh {
		total += segs[i].span.End - segs[i].span.Start
	}
	cut := len(fresh)
	if len(fresh) > 1 && total >= parallelParseMin && d.secondParser() != nil {
		// The first run ends where half the bytes are.
		seen := 0
		for k, i := range fresh {
			seen += segs[i].span.End - segs[i].span.Start
			if seen >= total/2 {
				cut = k + 1
				break
			}
		}
		cut = min(cut, len(fresh)-1)
	}
	var wg sync.WaitGroup
	if cut < len(fresh) {
		parsesInHalves.Add(1)
		wg.Go(func() {
			for _, i := range fresh[cut:] {
				segs[i] = d.parseFresh(d.second, parsed, lines, segs[i].span, src, contentEnd)
			}
		})
	}
	for _, i := range fresh[:cut] {
		segs[i] = d.parseFresh(d.parser, parsed, lines, segs[i].span, src, contentEnd)
	}
	wg.Wait()
}

// secondParser is the Document's second parser, made when first needed;
// nil if it cannot be.
func (d *Document) secondParser() *sitter.Parser {
	if d.second == nil {
		p := sitter.NewParser()
		if err := p.SetLanguage(d.g.lang); err != nil {
			p.Close()
			return nil
		}
		d.second = p
	}
	return d.second
}
