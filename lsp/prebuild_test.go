package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// After a keystroke whose run moved the findings, the idle worker builds
// the model, so that a request after a pause does not wait for it.
func TestIdleWorkerBuildsTheModelOfAMovedRun(t *testing.T) {
	root := project(t, "halfported")
	var srv *Server
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) { srv = s }})
	u, text := c.open(filepath.Join(root, "src", "core.c"))
	c.waitDiags(u, "HPY201 detail", hasCode("HPY201"))
	line := strings.Count(text[:strings.Index(text, "    return")], "\n")
	end := protocol.Position{Line: uint32(line), Character: uint32(len("    return HPyLong_FromLong(ctx, (long)PyList_Size(NULL));"))}
	c.change(u, 2, protocol.Range{Start: end, End: end}, "\n")
	var moved, ready bool
	c.waitFor("a moved run with its model built", func() bool {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		for _, f := range srv.folders {
			if o := f.last; o != nil && o.res != nil && o.versions[filepath.Join(root, "src", "core.c")] == 2 {
				moved, ready = o.res.Moved, o.res.ModelReady()
			}
		}
		return moved && ready
	})
}
