package analysis_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// BenchmarkRealEarlyFindings is what a quick fix answered early pays in a
// real open file (HPYLINT_BENCH_WORKSPACE, HPYLINT_BENCH_FILE, as for
// BenchmarkRealFactKey) beyond reading the edit, an Enter typed at a line
// start: the verdict over the findings (numpy-hpy's multiarraymodule.c
// has 1,200 with a place in it) and moving those on the cursor's line
// ("line"), beside moving them all ("all").
func BenchmarkRealEarlyFindings(b *testing.B) {
	snap, rel, content := realBenchFile(b)
	facts, err := cfacts.Extract(cfacts.C, content)
	if err != nil {
		b.Fatal(err)
	}
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(),
		Open: &analysis.OpenFiles{Paths: map[string]bool{rel: true}}, Provided: map[string]*cfacts.Facts{rel: facts}}
	prev := analysis.Run(context.Background(), snap, opts)
	type key struct {
		mv    analysis.BufferMove
		lines *textpos.Index
		at    int // the Enter's line
	}
	var keys []key
	for i, c := range content {
		if c != '\n' || i%97 != 0 && len(keys) > 0 || len(keys) == 40 {
			continue
		}
		edited := slices.Concat(content[:i+1], []byte("\n"), content[i+1:])
		f, err := cfacts.Extract(cfacts.C, edited)
		if err != nil {
			b.Fatal(err)
		}
		mv, why := prev.MoveBuffer(rel, &source.File{Path: rel, Content: edited}, f)
		if why != "" {
			continue
		}
		x := textpos.New(edited)
		keys = append(keys, key{mv, x, x.Line(i + 1)})
	}
	if len(keys) == 0 {
		b.Fatal("no quiet key")
	}
	for _, shown := range []string{"line", "all"} {
		b.Run(shown, func(b *testing.B) {
			i := 0
			for b.Loop() {
				k := keys[i%len(keys)]
				i++
				keep := func(l source.Location) bool {
					return shown == "all" || l.Path == rel && k.lines.Line(l.Span.End) >= k.at && k.lines.Line(l.Span.Start) <= k.at
				}
				if _, ok := k.mv.Findings(prev.Diagnostics, func(off int) int { return k.lines.Line(off) + 1 }, keep); !ok {
					b.Fatal("the findings did not move")
				}
			}
		})
	}
}
