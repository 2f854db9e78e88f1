package source

import (
	"fmt"
	"slices"
	"testing"
)

// A changed file known under another name, listed or loaded, makes the
// two snapshots incomparable; one known only under its own name does not.
func TestChangedFromSeesOtherNamesOfAChangedFile(t *testing.T) {
	disk := map[string]*File{
		"inc/link.h": {Path: "inc/link.h", Content: []byte("int h;\n"), Real: "/r/h.h"},
		"inc/solo.h": {Path: "inc/solo.h", Content: []byte("int s;\n"), Real: "/r/solo.h"},
	}
	base := NewSnapshot("/w", []*File{
		{Path: "a.c", Content: []byte("int a;\n"), Real: "/r/a.c"},
		{Path: "alias.c", Content: []byte("int a;\n"), Real: "/r/a.c"},
		{Path: "h.h", Content: []byte("int h;\n"), Real: "/r/h.h"},
		{Path: "b.c", Content: []byte("int b;\n"), Real: "/r/b.c"},
		{Path: "solo.h", Content: []byte("int s;\n"), Real: "/r/solo2.h"},
	})
	base.Loader = func(path string) *File { return disk[path] }
	for _, path := range []string{"inc/link.h", "inc/solo.h"} {
		if base.File(path) == nil {
			t.Fatalf("the loader has no %s", path)
		}
	}
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{"a.c", false},   // alias.c is listed under the same real file
		{"h.h", false},   // inc/link.h was loaded as the same real file
		{"b.c", true},    // no other name
		{"solo.h", true}, // inc/solo.h is another real file
	} {
		prev := base.With(&File{Path: c.path, Content: []byte("int x;\n")})
		next := prev.With(&File{Path: c.path, Content: []byte("int y;\n")})
		changed, ok := next.ChangedFrom(prev)
		if ok != c.ok || ok && !slices.Equal(changed, []string{c.path}) {
			t.Errorf("%s: ChangedFrom = %v %v, want ok %v", c.path, changed, ok, c.ok)
		}
	}
	// A file given under a new real name: the index is the child's own.
	moved := base.With(&File{Path: "b.c", Content: []byte("int b;\n"), Real: "/r/a.c"})
	next := moved.With(&File{Path: "b.c", Content: []byte("int b2;\n")})
	if _, ok := next.ChangedFrom(moved); ok {
		t.Error("b.c given as another name of /r/a.c: ChangedFrom is ok")
	}
}

// The snapshots the language server makes key after key from one disk
// snapshot share its index of real names: counting every file's names
// again on each key grew with the workspace.
func TestKeySnapshotsShareTheIndexOfRealNames(t *testing.T) {
	var files []*File
	for i := range 200 {
		files = append(files, &File{Path: fmt.Sprintf("f%03d.c", i), Content: []byte("int x;\n"), Real: fmt.Sprintf("/r/f%03d.c", i)})
	}
	disk := NewSnapshot("/w", files)
	before := realsBuilt.Load()
	prev := disk.With(&File{Path: "f007.c", Content: []byte("int k0;\n")})
	for k := 1; k <= 20; k++ {
		next := disk.With(&File{Path: "f007.c", Content: fmt.Appendf(nil, "int k%d;\n", k)})
		if changed, ok := next.ChangedFrom(prev); !ok || !slices.Equal(changed, []string{"f007.c"}) {
			t.Fatalf("key %d: ChangedFrom = %v %v", k, changed, ok)
		}
		prev = next
	}
	if built := realsBuilt.Load() - before; built > 1 {
		t.Errorf("the real names were indexed %d times over 20 keys, want once", built)
	}
}
