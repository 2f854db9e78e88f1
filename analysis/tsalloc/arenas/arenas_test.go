package arenas

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestThreadsShareBoundedArenas makes more OS threads malloc at once than
// the bound: glibc would give each its own arena (up to eight per core)
// had the bound not been set before the runtime started.
func TestThreadsShareBoundedArenas(t *testing.T) {
	if Count() < 0 {
		t.Skip("not glibc")
	}
	if os.Getenv("MALLOC_ARENA_MAX") != "" || strings.Contains(os.Getenv("GLIBC_TUNABLES"), "arena_max") {
		if Bound() != 0 {
			t.Errorf("bound malloc to %d arenas over the user's setting", Bound())
		}
		t.Skip("the user's arena bound applies")
	}
	bound := 2 * runtime.NumCPU()
	if Bound() != bound {
		t.Errorf("bound %d arenas, want two per core, %d", Bound(), bound)
	}
	threads := bound + 8
	var ready, done sync.WaitGroup
	ready.Add(threads)
	done.Add(threads)
	release := make(chan struct{})
	for range threads {
		go func() {
			defer done.Done()
			runtime.LockOSThread() // kept: the thread exits with the goroutine
			ready.Done()
			<-release // all threads exist before any of them mallocs
			mallocHere()
		}()
	}
	ready.Wait()
	close(release)
	done.Wait()
	if n := Count(); n > bound {
		t.Errorf("%d malloc arenas, want at most %d", n, bound)
	}
}
