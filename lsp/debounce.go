package lsp

import (
	"slices"
	"time"
)

// The debounce adapts to what a folder's runs cost, as clangd's
// DebouncePolicy does, but starts from zero: a run that costs a few
// milliseconds starts at once after an edit, and the next edit cancels it
// (its result is never published, scheduler.go). The dearer runs are, the
// longer the worker waits for the edits to pause: a typing burst then
// does not start a run per key, and the wait adds at most about one run's
// time to what the user waits for.

// debouncePolicy turns the recent costs of a folder's runs into a delay.
type debouncePolicy struct {
	cheap time.Duration // runs cheaper than this (median) start at once
	max   time.Duration // the delay never exceeds this
	ratio float64       // the delay grows by this per unit of cost past cheap
}

// adaptiveDebounce applies when neither the client nor Options.Debounce
// sets a delay. 5 ms is below what a user tells apart from no delay. The
// delay grows from zero past cheap, so a run just dearer than cheap waits
// almost nothing rather than cheap at once. The bound is the fixed 50 ms
// this replaced, not clangd's 500 ms: a superseded run is cancelled, so a
// longer wait saves CPU but not time, and on numpy-hpy (runs of about
// 230 ms) waiting as long as a run made the findings later, one key at a
// time (p50 291 against 232 ms) and after a burst (344 against 284 ms).
var adaptiveDebounce = debouncePolicy{cheap: 5 * time.Millisecond, max: 50 * time.Millisecond, ratio: 1}

// delay is how long to wait after the last edit before a run whose
// folder's recent runs cost c.
func (p debouncePolicy) delay(c *runCosts) time.Duration {
	m := c.median()
	if m <= p.cheap {
		return 0
	}
	return min(time.Duration(p.ratio*float64(m-p.cheap)), p.max)
}

// runCosts is the wall time of a folder's recent runs, from the start of a
// run to its outcome. The median of the last few keeps one slow run (a
// garbage collection, a cold cache) from moving the delay.
type runCosts struct {
	recent [15]time.Duration // a ring; n of them are set
	n      int
	next   int
}

func (c *runCosts) add(d time.Duration) {
	c.recent[c.next] = d
	c.next = (c.next + 1) % len(c.recent)
	c.n = min(c.n+1, len(c.recent))
}

// completed records a run whose result was kept.
func (c *runCosts) completed(d time.Duration) { c.add(d) }

// superseded records a run a newer edit cancelled after d: it says only
// that a run costs at least d. A run cancelled early, shorter than the
// estimate, says nothing and is dropped, so a fast typist does not make
// runs look cheap; one cancelled after more than the estimate shows the
// estimate too low, and a burst in which no run completes still teaches
// the policy what runs cost.
func (c *runCosts) superseded(d time.Duration) {
	if d > c.median() {
		c.add(d)
	}
}

// median is the upper median of the recorded costs, 0 before any.
func (c *runCosts) median() time.Duration {
	if c.n == 0 {
		return 0
	}
	s := slices.Clone(c.recent[:c.n])
	slices.Sort(s)
	return s[len(s)/2]
}

// clock is the time the scheduler measures runs and waits with; tests
// give the server a fake one, so they neither sleep nor race a timer.
type clock interface {
	Now() time.Time
	// Timer fires once d has passed; stop releases it early.
	Timer(d time.Duration) (fire <-chan time.Time, stop func() bool)
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}
