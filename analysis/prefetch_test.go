package analysis

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// prefetchAll hands every listed file of snap to a new prefetch,
// from two goroutines at once, as workspace.LoadEach does.
func prefetchAll(snap *source.Snapshot, opts Options) *Prefetch {
	pre := StartPrefetch(context.Background(), opts)
	paths := snap.Paths()
	var wg sync.WaitGroup
	for half := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := half; i < len(paths); i += 2 {
				pre.Read(snap.File(paths[i]))
			}
		}()
	}
	wg.Wait()
	return pre
}

// A run takes over the parses its prefetch started as the files were read,
// whether they are done or not, and parses the rest itself.
func TestPrefetchedParsesAreTakenOver(t *testing.T) {
	snap, given := earlySnapshot()
	pre := StartPrefetch(context.Background(), Options{})
	for _, p := range snap.Paths() {
		pre.Read(snap.File(p))
	}
	opts := &Options{Provided: given, Prefetch: pre}
	m := buildModel(context.Background(), snap, opts, model.NewScans(nil, snap), nil)
	taken := 0
	for f, j := range pre.jobs {
		if !j.parsed {
			continue
		}
		if u := m.project.Unit(f.Path); u != nil && u.Path != "given.c" && !snap.Excluded(u.Path) {
			taken++
			if u.Facts != j.facts {
				t.Errorf("%s: the run parsed again what its prefetch parsed", f.Path)
			}
		}
	}
	if taken != 3 { // a.c, entry.c, more.hpp
		t.Errorf("%d prefetched parses taken, want 3", taken)
	}
	if u := m.project.Unit("plain.c"); u == nil || u.Facts == nil {
		t.Error("plain.c, a source of an HPy extension, was not parsed")
	}
	if u := m.project.Unit("given.c"); u == nil || u.Facts != given["given.c"] {
		t.Error("given.c's provided facts were not used")
	}
	pre.Read(snap.File("a.c")) // after the run took over: ignored
}

// A run with a prefetch finds what a run without finds.
func TestPrefetchChangesNoFinding(t *testing.T) {
	snap, given := earlySnapshot()
	pre := prefetchAll(snap, Options{})
	with := Run(context.Background(), snap, Options{Provided: given, Prefetch: pre})
	if len(pre.jobs) == 0 || !pre.jobs[snap.File("a.c")].parsed {
		t.Fatal("a.c was not prefetched")
	}
	if with.state.scans != pre.scans {
		t.Error("the run scanned the files again")
	}
	without := Run(context.Background(), snap, Options{Provided: given})
	if len(with.Diagnostics) == 0 {
		t.Fatal("no findings to compare")
	}
	if !reflect.DeepEqual(with.Diagnostics, without.Diagnostics) {
		t.Errorf("findings differ:\nwith:    %v\nwithout: %v", with.Diagnostics, without.Diagnostics)
	}
}

// A prefetch made with another cache than the run's is not taken: its
// facts were not looked for, nor kept, where the run's are.
func TestPrefetchWithAnotherCacheIsNotTaken(t *testing.T) {
	snap, _ := earlySnapshot()
	pre := StartPrefetch(context.Background(), Options{})
	for _, p := range snap.Paths() {
		pre.Read(snap.File(p))
	}
	opts := &Options{Cache: NewFactsCache(), Prefetch: pre}
	m := buildModel(context.Background(), snap, opts, model.NewScans(nil, snap), nil)
	for f, j := range pre.jobs {
		if u := m.project.Unit(f.Path); j.parsed && u != nil && u.Facts == j.facts && u.Facts != nil {
			t.Errorf("%s: facts taken from a prefetch with another cache", f.Path)
		}
	}
}
