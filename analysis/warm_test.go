package analysis

import (
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A key that changed a buffer's facts has the names they declare worked
// out beside the model, for the buffers that changed only.
func TestWarmChangedWorksOutTheChangedBuffersNames(t *testing.T) {
	setup := &source.File{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='m', setup_requires=['hpy'], hpy_ext_modules=[Extension('m', sources=['a.c', 'b.c'])])\n")}
	a := []byte("#include \"hpy.h\"\nint one(void) { return 1; }\n")
	b := []byte("#include \"hpy.h\"\nint two(void) { return 2; }\n")
	snap := source.NewSnapshot("/", []*source.File{setup, {Path: "a.c", Content: a}, {Path: "b.c", Content: b}})
	facts := func(src []byte) *cfacts.Facts {
		f, err := cfacts.Extract(cfacts.C, src)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	bFacts := facts(b)
	prev := Run(context.Background(), snap, Options{Provided: map[string]*cfacts.Facts{"b.c": bFacts}})
	edited := []byte("#include \"hpy.h\"\nint one(void) { return 1; }\nint three(void) { return 3; }\n")
	aFacts := facts(edited)
	next := snap.With(&source.File{Path: "a.c", Content: edited})
	provided := map[string]*cfacts.Facts{"a.c": aFacts, "b.c": bFacts}
	var warmed []string
	done, warming := warmChanged(next, prev, provided, func(file *source.File, f *cfacts.Facts) {
		if f != provided[file.Path] {
			t.Errorf("%s warmed with other facts", file.Path)
		}
		warmed = append(warmed, file.Path)
	})
	<-done
	if warming != 1 || len(warmed) != 1 || warmed[0] != "a.c" {
		t.Errorf("warmed %v (%d), want the one buffer that changed, a.c", warmed, warming)
	}
	if _, n := warmChanged(next, nil, provided, func(*source.File, *cfacts.Facts) {}); n != 0 {
		t.Errorf("with no run before, %d buffers warmed", n)
	}
}
