package analysis

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Findings rendered in parts, by workers at once, read as findings
// rendered one after the other: the same texts, cites and untouched
// shared slices, with marks in messages, related locations and fix
// titles, and many findings sharing one text and one Related slice (an
// include chain's).
func TestRenderersRenderAsOneRenderer(t *testing.T) {
	line := func(path string, off int) int { return len(path) + off/10 + 1 }
	findings := func() []diag.Diagnostic {
		shared := []diag.Related{{Message: "included from " + diag.LineMark(source.Location{Path: "h.h", Span: source.Span{Start: 30}})}}
		var ds []diag.Diagnostic
		for i := range 1500 {
			loc := source.Location{Path: fmt.Sprintf("f%d.c", i%7), Span: source.Span{Start: i}}
			d := diag.Diagnostic{Code: "HPY201", Location: loc, Message: fmt.Sprintf("the first is at %s, %d", diag.LineMark(loc), i%3)}
			switch i % 4 {
			case 0:
				d.Related = shared
			case 1:
				d.Fixes = []diag.Fix{{Title: "move it to line " + diag.LineMark(source.Location{Path: "g.c", Span: source.Span{Start: i * 3}})}}
			case 2:
				d.Message = "no mark"
			}
			ds = append(ds, d)
		}
		return ds
	}
	want := findings()
	r := diag.NewRenderer(line)
	for i := range want {
		r.Render(&want[i])
	}
	got := findings()
	rs := newRenderers(line, nil, nil)
	var wg sync.WaitGroup
	for w, part := range [][]diag.Diagnostic{got[:200], got[200:700], got[700:701], got[701:]} {
		wg.Go(func() { rs.render(w, part) })
	}
	wg.Wait()
	rs.memo()
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("finding %d:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
}
