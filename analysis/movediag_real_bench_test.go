package analysis_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// BenchmarkRealEarlyFindings is what a quick fix answered early pays in a
// real open file (HPYLINT_BENCH_WORKSPACE, HPYLINT_BENCH_FILE, as for
// BenchmarkRealFactKey) beyond reading the edit: moving the findings with
// a place in the buffer (numpy-hpy's multiarraymodule.c has 1,200) through
// an Enter typed at a line start.
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
		mv       analysis.BufferMove
		touching []diag.Diagnostic
		lines    *textpos.Index
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
		var touching []diag.Diagnostic
		for _, d := range prev.Diagnostics {
			if mv.Touches(&d) {
				touching = append(touching, d)
			}
		}
		keys = append(keys, key{mv, touching, textpos.New(edited)})
	}
	if len(keys) == 0 {
		b.Fatal("no quiet key")
	}
	i := 0
	for b.Loop() {
		k := keys[i%len(keys)]
		i++
		if _, ok := k.mv.Findings(k.touching, func(off int) int { return k.lines.Line(off) + 1 }); !ok {
			continue
		}
	}
}
