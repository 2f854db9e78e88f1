package source

import "testing"

// A file loaded on demand is read once for a snapshot and every snapshot
// made from it with With; a listed file still wins over a loaded one.
func TestLoadsAreSharedThroughWith(t *testing.T) {
	reads := map[string]int{}
	base := NewSnapshot("/r", []*File{{Path: "a.c", Content: []byte("a")}})
	base.Loader = func(p string) *File {
		reads[p]++
		if p == "missing.h" {
			return nil
		}
		return &File{Path: p, Content: []byte("disk " + p)}
	}
	for range 3 {
		s := base.With(&File{Path: "a.c", Content: []byte("buffer")})
		if f := s.File("inc.h"); f == nil || string(f.Content) != "disk inc.h" {
			t.Fatalf("inc.h = %v", f)
		}
		if s.File("missing.h") != nil {
			t.Fatal("missing.h exists")
		}
	}
	if reads["inc.h"] != 1 || reads["missing.h"] != 1 {
		t.Errorf("reads = %v, want each path read once", reads)
	}
	over := base.With(&File{Path: "inc.h", Content: []byte("open buffer")})
	if f := over.File("inc.h"); string(f.Content) != "open buffer" {
		t.Errorf("inc.h = %q, want the listed content", f.Content)
	}
	if f := NewSnapshot("/r", nil); f.File("inc.h") != nil {
		t.Error("a snapshot without a loader has only its files")
	}
}
