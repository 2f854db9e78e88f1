// Package heapcap keeps a long-running process's Go heap goal at twice its
// typical live heap rather than twice the latest one.
package heapcap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
)

// The collector sets its next goal at twice the heap it found live
// (GOGC=100). In a language server most collections start while a run is
// half done, so what they find live is the session's own state plus part
// of the run's: over 2,000 keystrokes on a 1 MB file the live heap read
// 20 to 23 MB in nine collections of ten but up to 28 MB in the rest, and
// the goal went up to 56 MB (bench/lsp-latency, GODEBUG=gctrace=1). The
// peak resident set is a high-water mark, so it is set by the rarest of
// those collections, and the longer the session, the higher it climbs.
// After each collection the pacer lowers GOGC for the next cycle so that
// its goal is twice the median of the latest live heaps; it never raises
// GOGC above 100, so a collection costs no more than the default would.
// It starts after the collections of the server's start (warmup).

// window is how many of the latest collections make the typical live heap.
const window = 15

// growth is the goal as a multiple of the typical live heap: GOGC=100's.
const growth = 2.0

// leastPercent is the lowest GOGC the pacer sets: when the live heap
// really grows (a larger workspace opened), the collector runs at most
// twice as often as by default until the median has caught up.
const leastPercent = 50

// collection is what the runtime reports of its latest collection.
type collection struct {
	live uint64 // the heap the collection found live
	// roots are the stacks and globals scanned: GOGC's goal grows with
	// them too (live + (live+roots)*GOGC/100).
	roots uint64
}

// warmup is how many collections the pacer lets pass before it records
// any: those of the server's start, while the workspace is read and the
// first analysis is made. The live heap grows through them for good, and a
// median of them held the collector at half the default right after the
// first publication: in the 1 MB file a collection every few megabytes,
// and the first edit after opening often twice the steady one or more.
const warmup = window

// pacer turns each collection's report into the GOGC of the next cycle.
type pacer struct {
	lives   []uint64 // oldest first, at most window
	set     func(int) int
	percent int // the GOGC last set
	// skip is how many collections are still to pass unrecorded (warmup).
	skip int
}

func newPacer(set func(int) int, skip int) *pacer {
	return &pacer{set: set, percent: 100, skip: skip}
}

// percentFor is the GOGC whose goal, after a collection that found c,
// is growth times median, within [leastPercent, 100].
func percentFor(c collection, median uint64) int {
	if c.live == 0 {
		return 100
	}
	goal := growth * float64(median)
	percent := int(100 * (goal - float64(c.live)) / float64(c.live+c.roots))
	return min(max(percent, leastPercent), 100)
}

// observe takes one collection's report and sets the GOGC it implies.
func (p *pacer) observe(c collection) {
	if p.skip > 0 {
		p.skip--
		return
	}
	if len(p.lives) == window {
		p.lives = slices.Delete(p.lives, 0, 1)
	}
	p.lives = append(p.lives, c.live)
	sorted := slices.Clone(p.lives)
	slices.Sort(sorted)
	if percent := percentFor(c, sorted[len(sorted)/2]); percent != p.percent {
		p.set(percent)
		p.percent = percent
	}
}

var metricNames = []string{
	"/gc/heap/live:bytes",
	"/gc/scan/stack:bytes",
	"/gc/scan/globals:bytes",
	"/gc/cycles/total:gc-cycles",
}

// latest reads the runtime's report of its latest collection.
func latest(samples []metrics.Sample) collection {
	metrics.Read(samples)
	return collection{live: samples[0].Value.Uint64(), roots: samples[1].Value.Uint64() + samples[2].Value.Uint64()}
}

// Enabled reports whether Start paces the collector: not when the user
// set GOGC, whose choice then stands (GOGC=100 turns the pacer off). A
// GOMEMLIMIT applies on top of the pacer either way.
func Enabled() bool { return os.Getenv("GOGC") == "" }

var (
	startOnce sync.Once
	// paced is the count of collections the runtime had made when the
	// pacer last looked: a test waits for the one it asked for.
	paced atomic.Uint64
)

// Start paces the collector from the next collection on (see Enabled).
func Start() {
	if !Enabled() {
		return
	}
	startOnce.Do(func() {
		samples := make([]metrics.Sample, len(metricNames))
		for i, n := range metricNames {
			samples[i].Name = n
		}
		p := newPacer(debug.SetGCPercent, warmup)
		afterEachCollection(func() {
			p.observe(latest(samples))
			paced.Store(samples[3].Value.Uint64())
		})
	})
}

// sentinel is an object only a collection frees; it holds a pointer so
// that it never shares a tiny-allocator block with other objects.
type sentinel struct{ _ *sentinel }

// afterEachCollection calls f on the runtime's cleanup goroutine after
// every collection from the next one on. A collection that starts before
// f has returned from the previous one is skipped.
func afterEachCollection(f func()) {
	var arm func()
	arm = func() {
		runtime.AddCleanup(new(sentinel), func(struct{}) { f(); arm() }, struct{}{})
	}
	arm()
}
