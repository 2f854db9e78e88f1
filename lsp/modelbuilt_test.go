package lsp

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

// A hover after a key that changes facts answers from the new run's model
// while that run's rules are still running: here the run is held after
// the engine returns, until the hover has answered. A hover that waited
// for the run would get, after AnswerWithin, the run before's answer
// (no shim).
func TestHoverAnswersOnceTheModelIsBuilt(t *testing.T) {
	root := project(t, "demo")
	release := make(chan struct{})
	var held, heldTooLong atomic.Int32
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) {
		s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			res := analysis.Run(ctx, snap, opts)
			f := snap.File("demo.c")
			if f != nil && strings.Contains(string(f.Content), "HPY_CPYTHON_ENTRYPOINT(_demo)") && held.Add(1) == 1 {
				select {
				case <-release:
				case <-time.After(3 * AnswerWithin):
					heldTooLong.Add(1)
				}
			}
			return res
		}
	}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	if got := c.hover(u, rangeOf(t, text, "HPy_MODINIT").Start); !strings.Contains(got, "CPython entrypoint: none") {
		t.Fatalf("hover before the edit:\n%s", got)
	}
	c.change(u, 2, protocol.Range{Start: protocol.Position{Line: 10}, End: protocol.Position{Line: 10}}, "#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(_demo)\n")
	got := c.hover(u, rangeOf(t, text, "HPy_MODINIT").Start)
	close(release)
	if !strings.Contains(got, "hpylint's shim (`HPY_CPYTHON_ENTRYPOINT` at demo.c:12)") {
		t.Errorf("hover while the run's rules run:\n%s", got)
	}
	if heldTooLong.Load() > 0 {
		t.Error("the run was held until its time ran out: the hover waited for it")
	}
}
