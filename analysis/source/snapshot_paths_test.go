package source

import (
	"slices"
	"testing"
)

// Paths is remembered per snapshot, and a snapshot made With the same
// paths shares the answer; one that adds a path has its own.
func TestPathsAfterWith(t *testing.T) {
	s := NewSnapshot("/p", []*File{{Path: "b.c"}, {Path: "a.c"}})
	if got := s.Paths(); !slices.Equal(got, []string{"a.c", "b.c"}) {
		t.Fatalf("Paths = %v", got)
	}
	same := s.With(&File{Path: "a.c", Content: []byte("x")})
	if got := same.Paths(); !slices.Equal(got, []string{"a.c", "b.c"}) {
		t.Fatalf("after replacing a.c: %v", got)
	}
	more := same.With(&File{Path: "c.c"})
	if got := more.Paths(); !slices.Equal(got, []string{"a.c", "b.c", "c.c"}) {
		t.Fatalf("after adding c.c: %v", got)
	}
	got := more.Paths()
	got[0] = "changed"
	if again := more.Paths(); again[0] != "a.c" {
		t.Fatal("a caller's change to the list reached the snapshot")
	}
}

func TestSamePaths(t *testing.T) {
	base := NewSnapshot("/w", []*File{{Path: "a.c"}, {Path: "b.c"}})
	base.Paths()
	replaced := base.With(&File{Path: "a.c", Content: []byte("int a;\n")})
	added := base.With(&File{Path: "c.c"})
	// The same paths listed anew, not shared.
	alike := NewSnapshot("/w", []*File{{Path: "b.c"}, {Path: "a.c"}})
	for _, c := range []struct {
		name string
		s    *Snapshot
		want bool
	}{{"replaced", replaced, true}, {"added", added, false}, {"alike", alike, true}} {
		if got := c.s.SamePaths(base); got != c.want {
			t.Errorf("%s: SamePaths %v, want %v", c.name, got, c.want)
		}
	}
	if p := replaced.PathsShared(); &p[0] != &base.PathsShared()[0] {
		t.Error("a snapshot that only replaced files does not share its paths")
	}
}
