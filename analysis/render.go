package analysis

import (
	"runtime"
	"sync"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// renderAll writes the line numbers the findings' texts cite
// (diag.Renderer), in parts on a goroutine per core: a large run's
// findings take milliseconds, after the rules, while no parse runs. A
// finding's rendering depends on its texts and line only, never on which
// part it fell in.
func renderAll(found []diag.Diagnostic, line func(path string, off int) int) {
	const least = 256 // fewer per goroutine is not worth one
	parts := min(runtime.NumCPU(), (len(found)+least-1)/least)
	if parts <= 1 {
		r := diag.NewRenderer(line)
		for i := range found {
			r.Render(&found[i])
		}
		return
	}
	size := (len(found) + parts - 1) / parts
	var wg sync.WaitGroup
	for start := 0; start < len(found); start += size {
		part := found[start:min(start+size, len(found))]
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := diag.NewRenderer(line)
			for i := range part {
				r.Render(&part[i])
			}
		}()
	}
	wg.Wait()
}
