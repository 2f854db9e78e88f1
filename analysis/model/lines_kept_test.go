package model

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The project of a key keeps the line indexes of every file but the one
// typed into, without comparing the two snapshots file by file: they
// differ only in the files the snapshot says changed.
func TestKeyProjectKeepsLineIndexesOfUnchangedFiles(t *testing.T) {
	disk := source.NewSnapshot("/w", []*source.File{
		{Path: "a.c", Content: []byte("int a;\nint b;\n")},
		{Path: "b.c", Content: []byte("int c;\n")},
		{Path: "c.h", Content: []byte("int d;\n")},
	})
	prev := New(disk.With(&source.File{Path: "a.c", Content: []byte("int a;\nint b;\n")}), nil, buildcfg.ABIUniversal)
	was := map[string]any{}
	for _, path := range []string{"a.c", "b.c", "c.h", "missing.h"} {
		was[path] = prev.Lines(path)
	}
	next := New(disk.With(&source.File{Path: "a.c", Content: []byte("int a;\n\nint b;\n")}), nil, buildcfg.ABIUniversal)
	walked := linesWalked.Load()
	next.KeepLines(prev)
	if n := linesWalked.Load() - walked; n != 0 {
		t.Errorf("KeepLines compared the snapshots file by file %d times", n)
	}
	for _, path := range []string{"b.c", "c.h", "missing.h"} {
		if next.Lines(path) != was[path] {
			t.Errorf("%s: the line index was made again", path)
		}
	}
	if x := next.Lines("a.c"); x == was["a.c"] || x.Line(len("int a;\n\n")) != 2 {
		t.Errorf("a.c: the changed file's index was kept, or is not of its new text")
	}
}
