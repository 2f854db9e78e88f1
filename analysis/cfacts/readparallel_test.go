package cfacts

import (
	"fmt"
	"reflect"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Read in two halves, every read gives the facts one read gives: the
// Document's facts after random edits still equal Extract's, with every
// read of more than a byte cut in two, at every segment size.
func TestReadInHalvesEqualsOneRead(t *testing.T) {
	old := parallelReadMin
	parallelReadMin = 2
	defer func() { parallelReadMin = old }()
	for _, size := range []int{segmentSize, 1, 200} {
		t.Run(fmt.Sprintf("segments of %d", size), func(t *testing.T) {
			before := readsInHalves.Load()
			withSegmentSize(t, size, func() { documentMatchesExtract(t, nil) })
			if readsInHalves.Load() == before {
				t.Fatal("no read was made in two halves")
			}
		})
	}
}

// Cut at any line, the two halves of a segment's read give its facts: a
// fact whose node spans the cut (a function, a call over several lines,
// an #if) comes from the half it starts in, once.
func TestHalvesCutAtAnyLineGiveOneRead(t *testing.T) {
	for _, name := range testdataFiles {
		src, lang := readTestdata(t, name)
		withSegmentSize(t, len(src)+1, func() { // as few segments as the cuts allow
			doc, err := NewDocument(lang, src)
			if err != nil {
				t.Fatal(err)
			}
			defer doc.Close()
			doc.Facts()
			qc := sitter.NewQueryCursor()
			defer qc.Close()
			candidates := scanFile(src).candidates
			cuts := 0
			for _, s := range doc.segs {
				whole := &Facts{}
				doc.g.readSegment(whole, qc, s, src, candidates, nil)
				finishFacts(whole, src)
				for cut := s.span.Start + 1; cut < s.span.End; cut++ {
					if src[cut-1] != '\n' {
						continue
					}
					cuts++
					a, b := source.Span{Start: s.span.Start, End: cut - 1}, source.Span{Start: cut, End: s.span.End - 1}
					got := &Facts{}
					doc.g.readClipped(got, qc, s, src, candidates, &a)
					doc.g.readClipped(got, qc, s, src, candidates, &b)
					finishFacts(got, src)
					if g, w := deepCopyOf(got), deepCopyOf(whole); !reflect.DeepEqual(g, w) {
						t.Fatalf("%s cut at %d: the halves' facts differ from one read's:\n%s", name, cut, factsDiff(g, w))
					}
				}
			}
			if cuts < 20 {
				t.Fatalf("%s: only %d cuts tried", name, cuts)
			}
		})
	}
}
