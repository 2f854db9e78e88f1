package lsp

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// A keystroke in a large file allocates megabytes (a new copy of the
// text, of its facts, of the findings), so the collector runs every few
// keystrokes; on two cores a collection that overlaps an analysis makes it
// two to three times slower (measured: p99 18 ms against 8 ms without).
// The server is idle most of the time between keystrokes, debounce
// included, so it collects then, when the next analysis would otherwise
// likely start one.

// idleGCDelay is how long the worker must have had nothing to do before it
// collects: a burst of keystrokes never waits on a collection.
const idleGCDelay = 20 * time.Millisecond

// idleCollector decides when an idle collection is worth it.
type idleCollector struct {
	samples []metrics.Sample
	// allocsAtLastCheck is the bytes allocated in total at the last check:
	// what the work since then allocated is the estimate for the next.
	allocsAtLastCheck uint64
}

func newIdleCollector() *idleCollector {
	c := &idleCollector{samples: []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}}
	c.read()
	return c
}

func (c *idleCollector) read() (allocs, goal, heap uint64) {
	metrics.Read(c.samples)
	return c.samples[0].Value.Uint64(), c.samples[1].Value.Uint64(), c.samples[2].Value.Uint64()
}

// due reports whether the work done since the last check, done twice more
// (the next burst can be larger: a paste, a new macro), would reach the
// collector's goal; it starts a new measurement.
func (c *idleCollector) due() bool {
	allocs, goal, heap := c.read()
	burst := allocs - c.allocsAtLastCheck
	c.allocsAtLastCheck = allocs
	return gcDue(heap, goal, burst)
}

// gcDue: a heap of heap bytes, whose collector starts at goal, after work
// that allocated burst.
func gcDue(heap, goal, burst uint64) bool {
	return burst > 0 && heap+2*burst >= goal
}

// collectIfDue runs a collection now when the next burst of work would
// otherwise start one.
func (c *idleCollector) collectIfDue() bool {
	if !c.due() {
		return false
	}
	runtime.GC()
	c.allocsAtLastCheck, _, _ = c.read()
	return true
}
