package analysis_test

import (
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// BenchmarkRerun1MB is the engine's share of a keystroke in the language
// server: a run over a project whose 1 MB HPy source comes with its facts
// already extracted (as an open buffer's do), caches warm.
//
//	go test ./analysis -run '^$' -bench Rerun1MB -benchmem
func BenchmarkRerun1MB(b *testing.B) {
	content := []byte(benchdata.CFile(1<<20, "_big"))
	facts, err := cfacts.Extract(cfacts.C, content)
	if err != nil {
		b.Fatal(err)
	}
	files := []*source.File{
		{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n")},
		{Path: "big.c", Content: content},
	}
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Provided: map[string]*cfacts.Facts{"big.c": facts}}
	snap := source.NewSnapshot("/bench", files)
	if res := analysis.Run(context.Background(), snap, opts); len(res.Diagnostics) == 0 {
		b.Fatal("no findings: the benchmark measures nothing")
	}
	b.ResetTimer()
	for b.Loop() {
		analysis.Run(context.Background(), source.NewSnapshot("/bench", files), opts)
	}
}
