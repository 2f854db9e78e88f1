package analysis_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// A line index the caller already has of a file (an open document's) is
// the one the run places findings with, when it was made of the bytes the
// run reads; one made of other bytes, even equal ones, is not used.
func TestProvidedLineIndexIsUsedOnlyForItsBytes(t *testing.T) {
	content := []byte("#include <Python.h>\nstatic PyObject *f(void) { return Py_None; }\n")
	setup := &source.File{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(name='m', setup_requires=['hpy'], hpy_ext_modules=[Extension('m', sources=['m.c'])])\n")}
	snap := source.NewSnapshot("/w", []*source.File{setup, {Path: "m.c", Content: content}})
	for _, c := range []struct {
		name string
		of   []byte
		used bool
	}{{"same bytes", content, true}, {"a copy", bytes.Clone(content), false}} {
		given := textpos.New(c.of)
		res := analysis.Run(context.Background(), snap, analysis.Options{Lines: map[string]*textpos.Index{"m.c": given}})
		if got := res.Model().Lines("m.c") == given; got != c.used {
			t.Errorf("%s: index used %v, want %v", c.name, got, c.used)
		}
	}
}
