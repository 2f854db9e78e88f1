package analysis

import (
	"sync"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/diag"
)

// renderers write the line numbers the findings' texts cite
// (diag.Renderer). Each rule's findings are rendered by the worker that
// ran the rule, as soon as the rule is done (runRules), so rendering
// shares the cores with the rules: rendered after them, numpy-hpy's
// HPY209 summary alone (11,000 related places, copied to write the few
// that cite a line) kept one core busy for half a millisecond of every
// key that ran the rules, the other idle. A finding's rendering depends
// on its texts and lines only, never on which worker rendered it. Texts
// the run before rendered are taken from its memo (prev, nil for none)
// while token gives their cited files the same token.
type renderers struct {
	line  func(path string, off int) int
	token func(path string) any
	prev  *diag.Memo
	mu    sync.Mutex
	by    map[int]*diag.Renderer // by worker
}

func newRenderers(line func(path string, off int) int, token func(path string) any, prev *diag.Memo) *renderers {
	return &renderers{line: line, token: token, prev: prev, by: map[int]*diag.Renderer{}}
}

// render renders ds in place with the renderer of worker, which only
// that worker's goroutine uses at a time.
func (rs *renderers) render(worker int, ds []diag.Diagnostic) {
	rs.mu.Lock()
	r := rs.by[worker]
	if r == nil {
		r = diag.NewRenderer(rs.line).WithMemo(rs.prev, rs.token)
		rs.by[worker] = r
	}
	rs.mu.Unlock()
	for j := range ds {
		r.Render(&ds[j])
	}
}

// memo is the memo of everything rendered, for the run after; call it
// once all rendering is done.
func (rs *renderers) memo() *diag.Memo {
	all := make([]*diag.Renderer, 0, len(rs.by))
	for _, r := range rs.by {
		textsRendered.Add(int64(r.Afresh()))
		all = append(all, r)
	}
	return diag.MemoOf(all...)
}

// textsRendered counts the texts rendered rather than taken from a memo,
// for a test.
var textsRendered atomic.Int64
