package lsp

import (
	"runtime"
	"testing"
)

func TestIdleCollectionWhenTheNextBurstWouldStartOne(t *testing.T) {
	cases := []struct {
		heap, goal, burst uint64
		want              bool
	}{
		{heap: 30, goal: 60, burst: 8, want: false}, // room for three more bursts
		{heap: 45, goal: 60, burst: 8, want: true},  // the next burst, or the one after, collects
		{heap: 30, goal: 60, burst: 0, want: false}, // nothing happened since the last check
		{heap: 70, goal: 60, burst: 1, want: true},  // past the goal already
	}
	for _, c := range cases {
		if got := gcDue(c.heap, c.goal, c.burst); got != c.want {
			t.Errorf("gcDue(%d, %d, %d) = %v, want %v", c.heap, c.goal, c.burst, got, c.want)
		}
	}
	// And for real: work that fills the heap toward the goal makes the
	// next idle check collect, and the check after it, with nothing done
	// in between, not.
	c := newIdleCollector()
	var keep [][]byte
	_, goal, heap := c.read()
	for heap+uint64(len(keep))<<20 < goal {
		keep = append(keep, make([]byte, 1<<20))
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if !c.collectIfDue() {
		t.Fatal("no collection after a burst as large as the room left")
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.NumGC == before.NumGC {
		t.Error("collectIfDue reported a collection that did not happen")
	}
	if c.collectIfDue() {
		t.Error("collected again with nothing allocated since")
	}
	runtime.KeepAlive(keep)
}
