package heapcap

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		name         string
		live, median uint64
		roots        uint64
		want         int
	}{
		{"a typical collection keeps the default", 21 * mb, 21 * mb, 0, 100},
		{"a smaller live heap never loosens it", 18 * mb, 21 * mb, 0, 100},
		{"a spike gets the typical goal", 28 * mb, 21 * mb, 0, 50},
		{"a small spike", 24 * mb, 21 * mb, 0, 75},
		{"roots count like GOGC counts them", 24 * mb, 21 * mb, 6 * mb, 60},
		{"a heap that doubled is held at least half", 40 * mb, 21 * mb, 0, 50},
		{"nothing live yet", 0, 0, 0, 100},
	}
	for _, c := range cases {
		if got := percentFor(collection{live: c.live, roots: c.roots}, c.median); got != c.want {
			t.Errorf("%s: percentFor(live %d MB, median %d MB) = %d, want %d", c.name, c.live/mb, c.median/mb, got, c.want)
		}
	}
}

func TestPacerFollowsTheMedianNotTheLatest(t *testing.T) {
	const mb = 1 << 20
	var sets []int
	p := newPacer(func(v int) int { sets = append(sets, v); return 0 }, 0)
	for range 10 {
		p.observe(collection{live: 21 * mb})
	}
	if len(sets) != 0 {
		t.Fatalf("a steady heap changed GOGC: %v", sets)
	}
	p.observe(collection{live: 28 * mb}) // a collection in the middle of a run
	p.observe(collection{live: 21 * mb})
	if want := []int{50, 100}; !equal(sets, want) {
		t.Fatalf("a spike then a typical collection set GOGC %v, want %v", sets, want)
	}
	// The live heap really grows: the pacer tightens until the median has
	// caught up, then leaves the default again.
	sets = nil
	for range window {
		p.observe(collection{live: 40 * mb})
	}
	if len(sets) == 0 || sets[0] != 50 || sets[len(sets)-1] != 100 || len(sets) != 2 {
		t.Fatalf("a heap that grew for good set GOGC %v, want [50 100]", sets)
	}
	if p.lives[0] != 40*mb || len(p.lives) != window {
		t.Errorf("the window holds %d collections from %d MB, want the latest %d", len(p.lives), p.lives[0]/mb, window)
	}
}

// The collections of the start pass unrecorded: the heap grows through
// them for good, and a median of them would hold the collector at half the
// default just when the first edits come. The first recorded collection
// then sets the typical heap, and a spike after it is paced.
func TestPacerWaitsOutTheStart(t *testing.T) {
	const mb = 1 << 20
	var sets []int
	p := newPacer(func(v int) int { sets = append(sets, v); return 0 }, warmup)
	for i := range warmup {
		p.observe(collection{live: uint64(2*i+1) * mb}) // the workspace being read
	}
	if len(sets) != 0 || len(p.lives) != 0 {
		t.Fatalf("the start's collections set GOGC %v and were recorded: %d", sets, len(p.lives))
	}
	for range 3 {
		p.observe(collection{live: 30 * mb})
	}
	if len(sets) != 0 {
		t.Fatalf("a steady heap after the start set GOGC %v", sets)
	}
	p.observe(collection{live: 45 * mb})
	if want := []int{leastPercent}; !equal(sets, want) {
		t.Fatalf("a spike after the start set GOGC %v, want %v", sets, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUserGOGCWins(t *testing.T) {
	t.Setenv("GOGC", "100")
	if Enabled() {
		t.Error("paced the collector though the user set GOGC")
	}
	t.Setenv("GOGC", "")
	if !Enabled() {
		t.Error("no pacing with GOGC unset")
	}
}

// TestStartPacesTheRuntime runs the pacer for real: a collection that
// finds twice the usual heap live lowers the runtime's GOGC, and the next
// usual one restores it.
func TestStartPacesTheRuntime(t *testing.T) {
	if !Enabled() {
		t.Skip("GOGC is set in the environment")
	}
	defer debug.SetGCPercent(100)
	Start()
	steady := make([]byte, 16<<20)
	collect := func() {
		t.Helper()
		// Wait for the pacer to look after a collection made now. The
		// pacer may miss one (the hook it re-arms during a collection
		// lives through it): collect again until it has looked.
		s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
		for deadline := time.Now().Add(10 * time.Second); ; {
			runtime.GC()
			metrics.Read(s)
			for wait := time.Now().Add(200 * time.Millisecond); paced.Load() < s[0].Value.Uint64() && time.Now().Before(wait); {
				time.Sleep(time.Millisecond)
			}
			if paced.Load() >= s[0].Value.Uint64() {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no collection reached the pacer: it saw collection %d of %d", paced.Load(), s[0].Value.Uint64())
			}
		}
	}
	// The start's collections pass unrecorded (warmup); five more make
	// the typical heap.
	for range warmup + 5 {
		collect()
	}
	// Give or take what the runtime and the test allocate themselves.
	if got := gogc(); got < 90 {
		t.Fatalf("GOGC %d with a steady heap, want about 100", got)
	}
	spike := make([]byte, 16<<20)
	collect()
	if got := gogc(); got != leastPercent {
		t.Errorf("GOGC %d after a collection found twice the usual heap live, want %d", got, leastPercent)
	}
	runtime.KeepAlive(spike)
	spike = nil
	collect()
	if got := gogc(); got < 90 {
		t.Errorf("GOGC %d after the usual heap again, want about 100", got)
	}
	runtime.KeepAlive(steady)
}

func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
