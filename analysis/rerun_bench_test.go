package analysis_test

import (
	"bytes"
	"context"
	"slices"
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

// BenchmarkMoved1MB is BenchmarkRerun1MB for a keystroke the findings move
// through: an Enter in a function body, the previous run given.
//
//	go test ./analysis -run '^$' -bench Moved1MB -benchmem
func BenchmarkMoved1MB(b *testing.B) {
	content := []byte(benchdata.CFile(1<<20, "_big"))
	at := bytes.Index(content, []byte(benchdata.TypingMarker))
	if at < 0 {
		b.Fatal("no typing marker in the generated file")
	}
	at += bytes.IndexByte(content[at:], '\n') + 1
	edited := slices.Concat(content[:at], []byte("\n"), content[at:])
	facts, err := cfacts.Extract(cfacts.C, content)
	if err != nil {
		b.Fatal(err)
	}
	editedFacts, err := cfacts.Extract(cfacts.C, edited)
	if err != nil {
		b.Fatal(err)
	}
	setup := &source.File{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n")}
	base := source.NewSnapshot("/bench", []*source.File{setup})
	opts := analysis.Options{Cache: analysis.NewFactsCache(), Configs: analysis.NewConfigCache(), Provided: map[string]*cfacts.Facts{"big.c": facts}}
	prev := analysis.Run(context.Background(), base.With(&source.File{Path: "big.c", Content: content}), opts)
	opts.Provided, opts.Previous = map[string]*cfacts.Facts{"big.c": editedFacts}, prev
	if res := analysis.Run(context.Background(), base.With(&source.File{Path: "big.c", Content: edited}), opts); !res.Moved {
		b.Fatalf("the edit did not move the findings: %s", res.NotMoved)
	}
	b.ResetTimer()
	for b.Loop() {
		analysis.Run(context.Background(), base.With(&source.File{Path: "big.c", Content: edited}), opts)
	}
}
