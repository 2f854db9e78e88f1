package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// renderAll writes the line numbers the findings' texts cite
// (diag.Renderer), in parts on a goroutine per core: a large run's
// findings take milliseconds, after the rules, while no parse runs. A
// finding's rendering depends on its texts and line only, never on which
// part it fell in. Texts the run before rendered are taken from its memo
// (prev, nil for none) while token gives their cited files the same
// token; the memo of this run's rendering is returned.
func renderAll(found []diag.Diagnostic, line func(path string, off int) int, token func(path string) any, prev *diag.Memo) *diag.Memo {
	const least = 256 // fewer per goroutine is not worth one
	parts := max(1, min(runtime.NumCPU(), (len(found)+least-1)/least))
	size := (len(found) + parts - 1) / parts
	renderers := make([]*diag.Renderer, parts)
	var wg sync.WaitGroup
	for i := range renderers {
		r := diag.NewRenderer(line).WithMemo(prev, token)
		renderers[i] = r
		part := found[min(i*size, len(found)):min((i+1)*size, len(found))]
		render := func() {
			for j := range part {
				r.Render(&part[j])
			}
		}
		if parts == 1 {
			render()
			break
		}
		wg.Go(render)
	}
	wg.Wait()
	for _, r := range renderers {
		textsRendered.Add(int64(r.Afresh()))
	}
	return diag.MemoOf(renderers...)
}

// textsRendered counts the texts renderAll rendered rather than took from
// a memo, for a test.
var textsRendered atomic.Int64
