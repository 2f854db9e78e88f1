package lsp

import (
	"runtime"
	"testing"
	"time"
)

func TestIdleCollectionWhenTheNextBurstWouldStartOne(t *testing.T) {
	cases := []struct {
		heap, live, goal, burst uint64
		want                    bool
	}{
		{heap: 30, live: 30, goal: 60, burst: 6, want: false}, // room for three more bursts
		{heap: 45, live: 30, goal: 60, burst: 8, want: true},  // the next burst, or the one after, collects
		{heap: 30, live: 30, goal: 60, burst: 0, want: false}, // nothing happened since the last check
		{heap: 70, live: 30, goal: 60, burst: 1, want: true},  // past the goal already
		// The runtime starts at about 52 here (three quarters from live
		// to goal), before the goal: two such bursts reach it.
		{heap: 47, live: 30, goal: 60, burst: 3, want: true},
		{heap: 40, live: 30, goal: 60, burst: 3, want: false},
		{heap: 70, live: 80, goal: 60, burst: 1, want: true}, // a goal under the live heap
	}
	for _, c := range cases {
		if got := gcDue(c.heap, c.live, c.goal, c.burst); got != c.want {
			t.Errorf("gcDue(%d, %d, %d, %d) = %v, want %v", c.heap, c.live, c.goal, c.burst, got, c.want)
		}
	}
	// And for real: work that takes the heap halfway to the goal makes
	// the next idle check collect (two more such bursts reach the goal),
	// and the check after it, with nothing done in between, not. The
	// runtime may start a collection of its own meanwhile (small heaps
	// start early), which rightly makes the check not collect: such a
	// round is made again.
	for round := 0; ; round++ {
		c := newIdleCollector()
		h := c.read()
		var keep [][]byte
		for n := uint64(0); h.heap+2*n < h.goal; n += 1 << 20 {
			keep = append(keep, make([]byte, 1<<20))
		}
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		if !c.collectIfDue() {
			if c.cyclesAtLastCheck != h.cycles && round < 10 {
				continue // the runtime collected beside the test
			}
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
		return
	}
}

// A collection the runtime made since the last check leaves nothing to
// collect, however much the work before it allocated.
func TestNoIdleCollectionRightAfterOne(t *testing.T) {
	c := newIdleCollector()
	h := c.read()
	var keep [][]byte
	for n := uint64(0); h.heap+2*n < h.goal; n += 1 << 20 {
		keep = append(keep, make([]byte, 1<<20))
	}
	runtime.KeepAlive(keep)
	keep = nil
	runtime.GC() // the runtime's own, as a key's run starts one
	if c.collectIfDue() {
		t.Error("collected again right after a collection")
	}
}

func TestIdleWorkWaitsBrieflyOnlyWhenPausesLeaveRoom(t *testing.T) {
	ms := func(ns ...int) idleGaps {
		var g idleGaps
		for _, n := range ns {
			g.add(time.Duration(n) * time.Millisecond)
		}
		return g
	}
	cases := []struct {
		name string
		gaps idleGaps
		want time.Duration
	}{
		{"no pause seen yet", nil, idleGCDelay},
		{"fewer pauses than kept", ms(25, 25, 25), idleGCDelay},
		{"keys 30 ms apart, runs of 8", ms(22, 21, 23, 22, 20, 22, 24), idleGCDelayShort},
		{"a client that types as it sees the findings", ms(2, 1, 3, 2, 6, 1, 2), idleGCDelay},
		{"one long pause among short ones", ms(2, 1, 300, 2, 6, 1, 2), idleGCDelay},
		{"one short pause among long ones", ms(200, 1, 300, 120, 60, 90, 150), idleGCDelayShort},
		{"the latest pauses count", ms(200, 300, 1, 2, 3, 1, 2, 2, 1), idleGCDelay},
	}
	for _, c := range cases {
		if got := c.gaps.delay(); got != c.want {
			t.Errorf("%s: delay %v, want %v", c.name, got, c.want)
		}
	}
}
