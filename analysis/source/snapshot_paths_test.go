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
