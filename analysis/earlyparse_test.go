package analysis

import (
	"context"
	"reflect"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// earlySnapshot holds a file of each kind the early parse must take or
// leave: an HPy source, a source of an HPy extension with no HPy in it
// (only the configs say it is parsed), a source nothing needs, a CPython
// entrypoint, a C header (its grammar waits for its includers), a C++
// header, a binary file, an excluded file and one whose facts are given.
func earlySnapshot() (*source.Snapshot, map[string]*cfacts.Facts) {
	const hpy = "#include \"hpy.h\"\n#include \"inc.h\"\nHPyDef_METH(f, \"f\", HPyFunc_NOARGS)\nstatic HPy f_impl(HPyContext *ctx, HPy self) { PyErr_Clear(); return HPy_Dup(ctx, self); }\n"
	files := []*source.File{
		{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(hpy_abi='universal', setup_requires=['hpy'], hpy_ext_modules=[Extension('m', ['a.c', 'plain.c', 'given.c'])])\n")},
		{Path: "a.c", Content: []byte(hpy + "static HPyModuleDef moddef = { .doc = \"\" };\nHPy_MODINIT(m, moddef)\n")},
		{Path: "plain.c", Content: []byte("static int plain(void) { return 1; }\n")},
		{Path: "other.c", Content: []byte("int other(void) { return 2; }\n")},
		{Path: "entry.c", Content: []byte("#include <Python.h>\nPyMODINIT_FUNC PyInit_entry(void) { return NULL; }\n")},
		{Path: "inc.h", Content: []byte("HPy helper(HPyContext *ctx);\n")},
		{Path: "more.hpp", Content: []byte("HPy more(HPyContext *ctx);\n")},
		{Path: "bin.c", Content: []byte("HPy\x00")},
		{Path: "skip/x.c", Content: []byte(hpy)},
		{Path: "given.c", Content: []byte(hpy)},
	}
	snap := source.NewSnapshot("/early", files)
	snap.Exclude = func(p string) bool { return p == "skip/x.c" }
	given, _ := cfacts.Extract(cfacts.C, []byte(hpy))
	return snap, map[string]*cfacts.Facts{"given.c": given}
}

// Sources every model parses are parsed while the configs are read, and
// the parse phase takes those facts instead of parsing them again; the
// other files are left to the parse phase, as before.
func TestEarlyParsesAreTakenByTheParsePhase(t *testing.T) {
	snap, given := earlySnapshot()
	opts := &Options{Provided: given}
	m := buildModel(context.Background(), snap, opts, model.NewScans(nil, snap), nil)
	var early []string
	for f, j := range m.early.jobs {
		if !j.parsed {
			continue
		}
		early = append(early, f.Path)
		if u := m.project.Unit(f.Path); u == nil || u.Facts != j.facts {
			t.Errorf("%s: the parse phase did not take the early facts", f.Path)
		}
	}
	want := map[string]bool{"a.c": true, "entry.c": true, "more.hpp": true}
	if len(early) != len(want) {
		t.Errorf("parsed early: %v, want %v", early, want)
	}
	for _, p := range early {
		if !want[p] {
			t.Errorf("%s parsed early", p)
		}
	}
	for _, u := range m.project.Units {
		if u.Facts == nil || u.Path == "given.c" {
			continue
		}
		lang := cfacts.C
		if u.Path == "more.hpp" {
			lang = cfacts.CPP
		}
		fresh, _ := cfacts.Extract(lang, u.File.Content)
		if !reflect.DeepEqual(u.Facts, fresh) {
			t.Errorf("%s: facts differ from a fresh parse", u.Path)
		}
	}
	if u := m.project.Unit("plain.c"); u == nil || u.Facts == nil {
		t.Error("plain.c, a source of an HPy extension, was not parsed")
	}
	if u := m.project.Unit("given.c"); u == nil || u.Facts != given["given.c"] {
		t.Error("given.c's provided facts were not used")
	}
}

// A run parsing early finds what a run without finds.
func TestEarlyParsesChangeNoFinding(t *testing.T) {
	snap, given := earlySnapshot()
	with := Run(context.Background(), snap, Options{Provided: given})
	parseEarly = false
	defer func() { parseEarly = true }()
	without := Run(context.Background(), snap, Options{Provided: given})
	if len(with.Diagnostics) == 0 {
		t.Fatal("no findings to compare")
	}
	if !reflect.DeepEqual(with.Diagnostics, without.Diagnostics) {
		t.Errorf("findings differ:\nwith:    %v\nwithout: %v", with.Diagnostics, without.Diagnostics)
	}
}

// A model made after another (the language server's, keystroke by
// keystroke) finds its facts cached and parses nothing early.
func TestNoEarlyParsesAfterARun(t *testing.T) {
	snap, given := earlySnapshot()
	opts := &Options{Provided: given, Cache: NewFactsCache()}
	first := buildModel(context.Background(), snap, opts, model.NewScans(nil, snap), nil)
	if first.early == nil || len(first.early.jobs) == 0 {
		t.Fatal("the first model parsed nothing early")
	}
	next := buildModel(context.Background(), snap, opts, model.NewScans(nil, snap), first.project)
	if next.early != nil {
		t.Errorf("a model after another parsed %d files early", len(next.early.jobs))
	}
	for _, u := range next.project.Units {
		if f := first.project.Unit(u.Path); f != nil && (f.Facts == nil) != (u.Facts == nil) {
			t.Errorf("%s: parsed in one model only", u.Path)
		}
	}
}
