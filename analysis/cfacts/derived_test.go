package cfacts

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A value asked for while another goroutine makes it is waited for, not
// made again; a make that panics leaves the value to the next caller.
func TestDerivedIsMadeOnceWhileAsked(t *testing.T) {
	f := &Facts{}
	var made atomic.Int32
	started := make(chan struct{})
	slow := func() any {
		if made.Add(1) == 1 {
			close(started)
			time.Sleep(20 * time.Millisecond)
		}
		return "value"
	}
	var wg sync.WaitGroup
	got := make([]any, 3)
	wg.Go(func() { got[0] = f.Derived("k", slow) })
	<-started
	for i := 1; i < len(got); i++ {
		wg.Go(func() { got[i] = f.Derived("k", slow) })
	}
	wg.Wait()
	if made.Load() != 1 {
		t.Errorf("the value was made %d times, want once", made.Load())
	}
	for i, v := range got {
		if v != "value" {
			t.Errorf("caller %d got %v", i, v)
		}
	}

	func() {
		defer func() { _ = recover() }()
		f.Derived("p", func() any { panic("broken") })
	}()
	if v := f.Derived("p", func() any { return 7 }); v != 7 {
		t.Errorf("after a panic the next caller got %v, want the value it makes", v)
	}
}
