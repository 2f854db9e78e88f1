//go:build unix

package workspace

import (
	"slices"
	"sync"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// LoadEach hands over every file it reads, once, as the snapshot holds it:
// the files the walk meets, a file named on the command line and the
// build configs above it.
func TestLoadEachHandsOverEveryFileRead(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "setup.py", "setup()\n")
	put(t, dir, "pkg/setup.cfg", "[metadata]\n")
	put(t, dir, "pkg/src/m.c", "int m;\n")
	put(t, dir, "lib/a.c", "int a;\n")
	put(t, dir, "lib/b.h", "int b;\n")
	put(t, dir, "lib/notes.txt", "not read\n")
	var mu sync.Mutex
	got := map[string]*source.File{}
	each := func(f *source.File) {
		mu.Lock()
		defer mu.Unlock()
		if got[f.Path] != nil {
			t.Errorf("%s handed over twice", f.Path)
		}
		got[f.Path] = f
	}
	snap, errs := LoadEach(dir, []string{"lib", "pkg/src/m.c"}, nil, each)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := snap.Paths()
	if len(want) != 5 {
		t.Fatalf("loaded %v, want 5 files", want)
	}
	var handed []string
	for p, f := range got {
		handed = append(handed, p)
		if snap.File(p) != f {
			t.Errorf("%s: handed over a File the snapshot does not hold", p)
		}
	}
	slices.Sort(handed)
	if !slices.Equal(handed, want) {
		t.Errorf("handed over %v, want the snapshot's %v", handed, want)
	}
}
