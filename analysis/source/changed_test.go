package source

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// ChangedFrom remembers its answer for the snapshot it was last asked
// about, and only for that one, without keeping that snapshot alive: the
// language server makes a snapshot per key, and each would otherwise hold
// every one before it.
func TestChangedFromRemembersWithoutKeeping(t *testing.T) {
	base := NewSnapshot("/w", []*File{{Path: "a.c", Content: []byte("int a;\n")}, {Path: "b.c", Content: []byte("int b;\n")}})
	prev := base.With(&File{Path: "a.c", Content: []byte("int a2;\n")})
	next := prev.With(&File{Path: "b.c", Content: []byte("int b2;\n")})

	for range 2 {
		changed, ok := next.ChangedFrom(prev)
		if !ok || !slices.Equal(changed, []string{"b.c"}) {
			t.Fatalf("next from prev: %v %v, want [b.c] true", changed, ok)
		}
	}
	if changed, ok := next.ChangedFrom(base); !ok || !slices.Equal(changed, []string{"a.c", "b.c"}) {
		t.Fatalf("next from base, after asking of prev: %v %v, want [a.c b.c] true", changed, ok)
	}

	gone := make(chan struct{})
	other := base.With(&File{Path: "a.c", Content: []byte("int a3;\n")})
	runtime.AddCleanup(other, func(ch chan struct{}) { close(ch) }, gone)
	if _, ok := next.ChangedFrom(other); !ok {
		t.Fatal("next from other: not comparable")
	}
	other = nil
	for i := 0; ; i++ {
		runtime.GC()
		select {
		case <-gone:
			return
		case <-time.After(10 * time.Millisecond):
		}
		if i == 50 {
			t.Fatal("the snapshot ChangedFrom was asked about is still alive: the answer keeps it")
		}
	}
}
