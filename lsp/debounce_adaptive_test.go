package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

func costsOf(ds ...time.Duration) *runCosts {
	c := &runCosts{}
	for _, d := range ds {
		c.completed(d)
	}
	return c
}

func TestDebouncePolicy(t *testing.T) {
	ms := time.Millisecond
	p := adaptiveDebounce
	for _, tc := range []struct {
		what  string
		costs *runCosts
		want  time.Duration
	}{
		{"no run measured yet", costsOf(), 0},
		{"cheap runs", costsOf(3*ms, 2*ms, 4*ms), 0},
		{"just past cheap", costsOf(p.cheap+ms, p.cheap+ms), ms},
		{"dearer runs", costsOf(20*ms, 40*ms, 30*ms), 30*ms - p.cheap},
		{"expensive runs", costsOf(120*ms, 200*ms, 180*ms), p.max},
		{"runs dearer than the bound", costsOf(2*time.Second, 3*time.Second), p.max},
		{"one slow run among cheap ones", costsOf(append(slices.Repeat([]time.Duration{3 * ms}, 9), 400*ms)...), 0},
		{"runs became cheap again", costsOf(append(slices.Repeat([]time.Duration{300 * ms}, 7), slices.Repeat([]time.Duration{3 * ms}, 8)...)...), 0},
	} {
		if got := p.delay(tc.costs); got != tc.want {
			t.Errorf("%s: delay %v, want %v", tc.what, got, tc.want)
		}
	}
}

// A run cancelled by the next keystroke is a lower bound on what runs
// cost: one cut short does not make runs look cheap, one cut after more
// than the estimate raises it, so a burst in which no run completes still
// learns that runs are expensive.
func TestDebounceSupersededRuns(t *testing.T) {
	ms := time.Millisecond
	c := costsOf(200*ms, 200*ms, 200*ms)
	for range 20 {
		c.superseded(ms)
	}
	if got, want := adaptiveDebounce.delay(c), adaptiveDebounce.delay(costsOf(200*ms)); got != want || got == 0 {
		t.Errorf("after runs cancelled early: delay %v, want %v", got, want)
	}
	burst := &runCosts{}
	burst.superseded(80 * ms)
	if got, want := adaptiveDebounce.delay(burst), adaptiveDebounce.delay(costsOf(80*ms)); got != want || got == 0 {
		t.Errorf("after a run cancelled at 80ms and none completed: delay %v, want %v", got, want)
	}
}

// fakeClock is time that moves only when the test says so. Each wait the
// scheduler starts is sent on waits.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[*fakeTimer]bool
	waits  chan time.Duration
}

type fakeTimer struct {
	at   time.Time
	fire chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Unix(1_000_000, 0), timers: map[*fakeTimer]bool{}, waits: make(chan time.Duration, 1000)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	t := &fakeTimer{at: c.now.Add(d), fire: make(chan time.Time, 1)}
	c.timers[t] = true
	c.mu.Unlock()
	c.waits <- d
	return t.fire, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		pending := c.timers[t]
		delete(c.timers, t)
		return pending
	}
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for t := range c.timers {
		if !t.at.After(c.now) {
			t.fire <- c.now
			delete(c.timers, t)
		}
	}
}

// nextWait is the next wait the scheduler starts, failing after a while
// of real time.
func (c *fakeClock) nextWait(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-c.waits:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("the scheduler started no wait")
		return 0
	}
}

// timedServer runs a server on a fake clock whose every run costs cost of
// that clock's time. debounce is Options.Debounce (0: adaptive).
type timedServer struct {
	*client
	clock *fakeClock
	runs  *atomic.Int32
	began chan time.Time // the clock's time as each run started
	path  string
	u     uri.URI
}

func startTimed(t *testing.T, cost, debounce time.Duration, initOpts string) *timedServer {
	root := project(t, "speedups")
	clk := newFakeClock()
	var runs atomic.Int32
	began := make(chan time.Time, 1000)
	tweak := func(s *Server) {
		s.opts.Debounce = debounce
		s.clock = clk
		run := s.run
		s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			runs.Add(1)
			began <- clk.Now()
			clk.Advance(cost)
			return run(ctx, snap, opts)
		}
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: tweak, initOpts: initOpts})
	path := filepath.Join(root, "src", "speedups.c")
	return &timedServer{client: c, clock: clk, runs: &runs, began: began, path: path, u: uri.File(path)}
}

// enter types Enter at the top of the buffer: every finding moves, so the
// run of each version publishes.
func (ts *timedServer) enter(version int32) {
	ts.t.Helper()
	ts.edit(func() { ts.change(ts.u, version, protocol.Range{}, "\n") })
}

// openBuffer opens the source with its disk content.
func (ts *timedServer) openBuffer() {
	ts.t.Helper()
	ts.edit(func() { ts.open(ts.path) })
}

// edit sends a change and waits until it reached the scheduler.
func (ts *timedServer) edit(send func()) {
	ts.t.Helper()
	g := ts.gen()
	send()
	for ts.gen() == g {
		time.Sleep(time.Millisecond)
	}
}

// published reports whether the findings of version are out. The open
// (version 1) may publish nothing: the buffer is what the folder's first
// run read from disk, and that run published the same findings.
func (ts *timedServer) published(version int32) bool {
	p, ok := ts.lastPub(ts.u)
	v, set := p.Version.Get()
	return ok && (set && v == version || version == 1 && !set)
}

func (ts *timedServer) waitPublished(version int32) {
	ts.t.Helper()
	ts.waitFor("the publication of the edit", func() bool { return ts.published(version) })
}

// waitPublishedUnwaited waits for the publication of version and for the
// folder to be analysed up to date, failing if the scheduler starts a wait
// first: the fake clock would never end it.
func (ts *timedServer) waitPublishedUnwaited(t *testing.T, version int32) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case d := <-ts.clock.waits:
			t.Fatalf("the server waited %v before analysing version %d", d, version)
		case <-deadline:
			t.Fatalf("version %d never published", version)
		case <-time.After(5 * time.Millisecond):
		}
		if ts.publishedNow(version) && ts.settled() {
			return
		}
	}
}

// A run that costs 3 ms is started as soon as the edit comes, with no
// wait at all: the next edit would supersede it.
func TestDebounceCheapRunNoWait(t *testing.T) {
	ts := startTimed(t, 3*time.Millisecond, 0, "")
	ts.openBuffer()
	ts.waitPublishedUnwaited(t, 1)
	for v := int32(2); v <= 4; v++ {
		ts.enter(v)
		ts.waitPublishedUnwaited(t, v)
	}
}

// Once a run costs 30 ms, an edit waits about as long for the next one
// before its run starts, and a burst of edits within that wait costs one
// run.
func TestDebounceExpensiveRunWaits(t *testing.T) {
	const cost = 30 * time.Millisecond
	ts := startTimed(t, cost, 0, "")
	ts.openBuffer()
	ts.waitPublishedUnwaited(t, 1)
	ts.enter(2) // nothing measured yet: at once
	ts.waitPublishedUnwaited(t, 2)

	ts.enter(3)
	wait := ts.clock.nextWait(t)
	if want := cost - adaptiveDebounce.cheap; wait != want {
		t.Fatalf("waited %v after an edit, runs costing %v: want %v", wait, cost, want)
	}
	before := ts.runs.Load()
	ts.enter(4)
	ts.enter(5)
	ts.mu.Lock()
	early := ts.published(3) || ts.published(4) || ts.published(5)
	ts.mu.Unlock()
	if early || ts.runs.Load() != before {
		t.Fatalf("a run started before the wait ended")
	}
	ts.clock.Advance(wait)
	ts.waitPublished(5)
	if n := ts.runs.Load() - before; n != 1 {
		t.Errorf("%d runs for a burst of 3 edits, want 1", n)
	}

	// The delay is bounded, however dear the runs.
	slow := startTimed(t, 10*time.Second, 0, "")
	slow.openBuffer()
	slow.waitPublishedUnwaited(t, 1)
	slow.enter(2)
	slow.waitPublishedUnwaited(t, 2)
	slow.enter(3)
	if d := slow.clock.nextWait(t); d != adaptiveDebounce.max {
		t.Errorf("waited %v with runs costing 10s, want the bound %v", d, adaptiveDebounce.max)
	}
}

// The client's debounce imposes its delay whatever runs cost, and wins
// over Options.Debounce, which imposes one when the client sets none.
func TestDebounceSettingOverrides(t *testing.T) {
	for _, tc := range []struct {
		what     string
		cost     time.Duration
		option   time.Duration
		initOpts string
		want     time.Duration
	}{
		{"client setting, cheap runs", 3 * time.Millisecond, 0, `{"hpylint": {"debounce": 30}}`, 30 * time.Millisecond},
		{"client setting over the option", 3 * time.Millisecond, 20 * time.Millisecond, `{"hpylint": {"debounce": 30}}`, 30 * time.Millisecond},
		{"option, cheap runs", 3 * time.Millisecond, 20 * time.Millisecond, "", 20 * time.Millisecond},
		{"client setting 0, expensive runs", 200 * time.Millisecond, 20 * time.Millisecond, `{"hpylint": {"debounce": 0}}`, 0},
		{"option off, expensive runs", 200 * time.Millisecond, -1, "", 0},
	} {
		t.Run(tc.what, func(t *testing.T) {
			ts := startTimed(t, tc.cost, tc.option, tc.initOpts)
			ts.openBuffer()
			for v := int32(1); v <= 3; v++ {
				if v > 1 {
					ts.enter(v)
				}
				if tc.want == 0 {
					ts.waitPublishedUnwaited(t, v)
					continue
				}
				// End every wait the scheduler starts until this version
				// is out: the clock moves only as far as it asks, so the
				// run of the edit starts no earlier than the delay it kept.
				edited := ts.clock.Now()
				deadline := time.After(10 * time.Second)
				for !ts.publishedNow(v) || !ts.settled() {
					select {
					case d := <-ts.clock.waits:
						ts.clock.Advance(d)
					case <-time.After(5 * time.Millisecond):
					case <-deadline:
						t.Fatalf("version %d never published", v)
					}
				}
				var last time.Time // the latest run's start
				for len(ts.began) > 0 {
					last = <-ts.began
				}
				if v > 1 && last.Sub(edited) < tc.want {
					t.Fatalf("version %d: its run started %v after the edit, want %v", v, last.Sub(edited), tc.want)
				}
			}
		})
	}
}

// settled reports whether the folder's last run covers every change.
func (ts *timedServer) settled() bool {
	ts.srv.mu.Lock()
	defer ts.srv.mu.Unlock()
	f := ts.srv.folders[0]
	return f.doneGen == f.gen
}

// gen is the folder's change count.
func (ts *timedServer) gen() uint64 {
	ts.srv.mu.Lock()
	defer ts.srv.mu.Unlock()
	return ts.srv.folders[0].gen
}

func (ts *timedServer) publishedNow(version int32) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.published(version)
}

// The costs measured before a file is opened do not delay the first edits
// after it: they are of edits of other text, and the debounce starts from
// zero again, as it does for a folder's first edits.
func TestDebounceStartsAfreshAfterAnOpen(t *testing.T) {
	const cost = 30 * time.Millisecond
	ts := startTimed(t, cost, 0, "")
	ts.openBuffer()
	ts.waitPublishedUnwaited(t, 1)
	ts.enter(2)
	ts.waitPublishedUnwaited(t, 2)
	ts.enter(3)
	if wait := ts.clock.nextWait(t); wait != cost-adaptiveDebounce.cheap {
		t.Fatalf("waited %v after an edit, runs costing %v: want %v", wait, cost, cost-adaptiveDebounce.cheap)
	}
	ts.clock.Advance(cost)
	ts.waitPublished(3)

	other := filepath.Join(filepath.Dir(ts.path), "other.c")
	if err := os.WriteFile(other, []byte("int other(void);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := ts.runs.Load()
	ts.edit(func() { ts.open(other) })
	ts.clock.Advance(ts.clock.nextWait(t)) // the open waits as edits did
	ts.waitFor("the run after the open", func() bool { return ts.settled() })
	if n := ts.runs.Load() - before; n != 1 {
		t.Fatalf("%d runs after the open, want 1", n)
	}
	// The open may have started its wait more than once (each change the
	// scheduler sees starts it again); those waits are over.
	for len(ts.clock.waits) > 0 {
		<-ts.clock.waits
	}
	ts.enter(4)
	ts.waitPublishedUnwaited(t, 4)
}
