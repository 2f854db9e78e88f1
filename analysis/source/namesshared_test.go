package source

import "testing"

// NamesShared is true once some real file has two names among the listed
// files and those loaded so far, and false while each has one: a listed
// file loaded again by a snapshot that lists it is one name.
func TestNamesShared(t *testing.T) {
	loads := map[string]*File{
		"out/h.h":   {Path: "out/h.h", Real: "/r/src/h.h"}, // a link to a listed header
		"out/x.h":   {Path: "out/x.h", Real: "/r/out/x.h"},
		"other/x.h": {Path: "other/x.h", Real: "/r/out/x.h"}, // another name of a loaded file
	}
	snap := func(files ...*File) *Snapshot {
		s := NewSnapshot("/r", files)
		s.Loader = func(p string) *File { return loads[p] }
		return s
	}
	a := &File{Path: "src/a.c", Real: "/r/src/a.c"}
	h := &File{Path: "src/h.h", Real: "/r/src/h.h"}

	s := snap(a, h)
	if s.NamesShared() {
		t.Fatal("two files with a name each share names")
	}
	s.File("out/x.h")
	if s.NamesShared() {
		t.Error("a loaded file with one name shares names")
	}
	s.File("other/x.h")
	if !s.NamesShared() {
		t.Error("two loaded names of one file do not share names")
	}

	s = snap(a, h)
	child := s.With(&File{Path: "src/a.c", Real: "/r/src/a.c", Content: []byte("edited")})
	if child.NamesShared() {
		t.Error("the child of a snapshot without shared names shares names")
	}
	s.File("out/h.h") // loaded through the parent, seen by the child too
	if !child.NamesShared() {
		t.Error("a loaded link to a listed header does not share names")
	}

	if !snap(a, h, &File{Path: "alias/a.c", Real: "/r/src/a.c"}).NamesShared() {
		t.Error("two listed names of one file do not share names")
	}

	s = snap(a)
	s.File("out/x.h")
	listed := s.With(&File{Path: "out/x.h", Real: "/r/out/x.h"}) // the loaded file, now listed
	if listed.NamesShared() {
		t.Error("a file listed and loaded under one name shares names")
	}
}
