package analysis

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

func TestConfigCache(t *testing.T) {
	c := NewConfigCache()
	read := readerFor("setup.py")
	snap := source.NewSnapshot("/", nil)
	a := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='a')\n")}, snap)
	if b := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='a')\n")}, snap); b != a {
		t.Error("same content read twice")
	}
	if b := c.read(read, &source.File{Path: "setup.py", Content: []byte("setup(name='b')\n")}, snap); b == a {
		t.Error("changed content served from the cache")
	}
	c.Retain(map[string][32]byte{})
	if len(c.entries) != 0 {
		t.Errorf("%d entries survive an empty Retain", len(c.entries))
	}
}

// A setup.py that reads a local module is read again when that module
// changes, or when the files its glob matches change.
func TestConfigCacheFollowsOtherFiles(t *testing.T) {
	setupPy := &source.File{Path: "setup.py", Content: []byte(`from glob import glob
from setuptools import setup, Extension
from _exts import SOURCES
setup(hpy_ext_modules=[Extension('m', SOURCES + glob('src/*.c'))])
`)}
	module := func(s string) *source.File { return &source.File{Path: "_exts.py", Content: []byte(s)} }
	a := &source.File{Path: "src/a.c"}
	snap := source.NewSnapshot("/", []*source.File{setupPy, a})
	var helper *source.File = module("SOURCES = ['one.c']\n")
	snap.Loader = func(p string) *source.File {
		if p == "_exts.py" {
			return helper
		}
		return nil
	}
	c := NewConfigCache()
	sources := cachedSources(t, c, setupPy)
	if got := sources(snap); got != "one.c,src/a.c" {
		t.Fatalf("sources = %q", got)
	}
	if got := sources(snap.With(&source.File{Path: "src/b.c"})); got != "one.c,src/a.c,src/b.c" {
		t.Errorf("after a new file: sources = %q", got)
	}
	helper = module("SOURCES = ['two.c']\n")
	fresh := source.NewSnapshot("/", []*source.File{setupPy, a})
	fresh.Loader = snap.Loader
	if got := sources(fresh); got != "two.c,src/a.c" {
		t.Errorf("after the module changed: sources = %q", got)
	}
}

// A key in a source asks none of a setup.py's questions again (it would
// look up every source the setup.py declares); an edit of a module the
// setup.py reads has it read again.
func TestConfigCacheAsksAgainOnlyWhatAnEditCanChange(t *testing.T) {
	setupPy := &source.File{Path: "setup.py", Content: []byte(`from setuptools import setup, Extension
from _exts import SOURCES
setup(hpy_ext_modules=[Extension('m', SOURCES + ['src/a.c', 'src/b.c'])])
`)}
	module := func(s string) *source.File { return &source.File{Path: "_exts.py", Content: []byte(s)} }
	snap := source.NewSnapshot("/", []*source.File{setupPy, module("SOURCES = ['one.c']\n"),
		{Path: "src/a.c", Content: []byte("int a;\n")}, {Path: "src/b.c", Content: []byte("int b;\n")}})
	c := NewConfigCache()
	sources := cachedSources(t, c, setupPy)
	if got := sources(snap); got != "one.c,src/a.c,src/b.c" {
		t.Fatalf("sources = %q", got)
	}
	typed := snap.With(&source.File{Path: "src/a.c", Content: []byte("int a, x;\n")})
	if got := sources(typed); got != "one.c,src/a.c,src/b.c" {
		t.Errorf("after a key in a source: sources = %q", got)
	}
	if n := c.asked.Load(); n != 0 {
		t.Errorf("a key in a source asked %d of the setup.py's questions again", n)
	}
	if got := sources(typed.With(module("SOURCES = ['two.c']\n"))); got != "two.c,src/a.c,src/b.c" {
		t.Errorf("after the module changed: sources = %q", got)
	}
	if got := sources(source.NewSnapshot("/", []*source.File{setupPy, module("SOURCES = ['one.c']\n")})); got != "one.c,src/a.c,src/b.c" {
		t.Errorf("in a snapshot of another disk state: sources = %q", got)
	}
	if c.asked.Load() == 0 {
		t.Error("a snapshot of another disk state was not asked the questions")
	}
}

// cachedSources reads setupPy, which declares one extension, through c
// from a snapshot, and gives the extension's sources joined by commas.
func cachedSources(t *testing.T, c *ConfigCache, setupPy *source.File) func(*source.Snapshot) string {
	read := readerFor("setup.py")
	return func(s *source.Snapshot) string {
		t.Helper()
		cfg := c.read(read, setupPy, s)
		if len(cfg.Extensions) != 1 {
			t.Fatalf("extensions: %+v", cfg.Extensions)
		}
		var out []string
		for _, s := range cfg.Extensions[0].Sources {
			out = append(out, s.Value)
		}
		return strings.Join(out, ",")
	}
}
