package lsp

import (
	"runtime"
	"runtime/metrics"
	"slices"
	"time"
)

// A keystroke in a large file allocates megabytes (a new copy of the
// text, of its facts, of the findings), so the collector runs every few
// keystrokes; on two cores a collection that overlaps an analysis makes it
// two to three times slower (measured: p99 18 ms against 8 ms without).
// The server is idle most of the time between keystrokes, debounce
// included, so it collects then, when the next analysis would otherwise
// likely start one.

// How long the worker must have had nothing to do before idle work
// starts. Idle work runs beside the worker, so a key typed meanwhile
// starts its run at once, but beside the collection. The sooner a
// collection starts after a run, the likelier it ends before the next key:
// with a fixed 20 ms, keys typed 30 ms apart met the collection just as it
// started (in a burst in the 1 MB file, 5 to 31 of 200 hovers and quick
// fixes ran beside a collection, against 0 to 15 with this; numpy-hpy, 7
// to 13 against 0 to 2: bench/lsp-latency, GODEBUG=gctrace=1). When the
// next key comes right after a run ends (a client that types as soon as
// it sees the findings), a collection started then would meet it
// instead. So the worker waits briefly when the pauses between its runs
// and the next change have been long enough for a collection (which took
// 3 to 8 ms of wall time on idle cores in the 1 MB file and numpy-hpy),
// and long otherwise.
const (
	idleGCDelay      = 20 * time.Millisecond
	idleGCDelayShort = 3 * time.Millisecond
	// idleGapRoom is the median pause that leaves room for a collection
	// after idleGCDelayShort.
	idleGapRoom = 12 * time.Millisecond
	// idleGapsKept is how many of the latest pauses the median is of.
	idleGapsKept = 7
)

// idleGaps are the latest pauses between the end of the worker's work and
// the next change or request that woke it, oldest first.
type idleGaps []time.Duration

// add records one pause, keeping the latest idleGapsKept.
func (g *idleGaps) add(d time.Duration) {
	*g = append(*g, d)
	if len(*g) > idleGapsKept {
		*g = (*g)[len(*g)-idleGapsKept:]
	}
}

// delay is how long to wait after work before idle work: short when the
// median pause leaves room for a collection; long until pauses are known.
func (g idleGaps) delay() time.Duration {
	if len(g) < idleGapsKept {
		return idleGCDelay
	}
	sorted := slices.Clone(g)
	slices.Sort(sorted)
	if sorted[len(sorted)/2] >= idleGapRoom {
		return idleGCDelayShort
	}
	return idleGCDelay
}

// idleCollector decides when an idle collection is worth it.
type idleCollector struct {
	samples []metrics.Sample
	// allocsAtLastCheck is the bytes allocated in total at the last check:
	// what the work since then allocated is the estimate for the next.
	allocsAtLastCheck uint64
	// cyclesAtLastCheck is the collections completed by then.
	cyclesAtLastCheck uint64
}

func newIdleCollector() *idleCollector {
	c := &idleCollector{samples: []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/cycles/total:gc-cycles"},
	}}
	h := c.read()
	c.allocsAtLastCheck, c.cyclesAtLastCheck = h.allocs, h.cycles
	return c
}

// heapState is what the runtime reports of the heap at one check.
type heapState struct {
	allocs, goal, heap, live, cycles uint64
}

func (c *idleCollector) read() heapState {
	metrics.Read(c.samples)
	v := func(i int) uint64 { return c.samples[i].Value.Uint64() }
	return heapState{allocs: v(0), goal: v(1), heap: v(2), live: v(3), cycles: v(4)}
}

// due reports whether the work done since the last check, done twice more
// (the next burst can be larger: a paste, a new macro), would start a
// collection; it starts a new measurement. A collection completed since
// the last check leaves nothing to collect now.
func (c *idleCollector) due() bool {
	h := c.read()
	burst := h.allocs - c.allocsAtLastCheck
	collected := h.cycles != c.cyclesAtLastCheck
	c.allocsAtLastCheck, c.cyclesAtLastCheck = h.allocs, h.cycles
	return !collected && gcDue(h.heap, h.live, h.goal, burst)
}

// gcDue: a heap of heap bytes, of which live were live at the last
// collection and whose goal is goal, after work that allocated burst.
// The runtime starts a collection before the heap reaches the goal (in
// numpy-hpy, at 56 to 59 MB of a 60 to 63 MB goal with 30 to 31 MB
// live), so a check against the goal itself let a key start most
// collections there. The start is taken as three quarters of the way
// from live to goal.
func gcDue(heap, live, goal, burst uint64) bool {
	start := goal
	if live < goal {
		start = goal - (goal-live)/4
	}
	return burst > 0 && heap+2*burst >= start
}

// collectIfDue runs a collection now when the next burst of work would
// otherwise start one.
func (c *idleCollector) collectIfDue() bool {
	if !c.due() {
		return false
	}
	runtime.GC()
	h := c.read()
	c.allocsAtLastCheck, c.cyclesAtLastCheck = h.allocs, h.cycles
	return true
}
