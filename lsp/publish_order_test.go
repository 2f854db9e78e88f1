package lsp

import (
	"path/filepath"
	"slices"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// An Enter in a source moves its findings and the places its extension's
// HPY209 relates in setup.py, which sorts before the source: the open
// buffer's list goes out first all the same, since the user waits for it.
func TestOpenBufferIsPublishedFirst(t *testing.T) {
	dir := t.TempDir()
	if err := benchdata.Workspace(dir, 10); err != nil {
		t.Fatal(err)
	}
	setupURI := uri.File(filepath.Join(dir, "setup.py"))
	if setupURI > uri.File(filepath.Join(dir, "src", "ext001", "part0.c")) {
		t.Fatal("setup.py must sort before the source for this test to show the order")
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{dir}, log: testLogger(t), debounce: -1})
	u, _ := c.open(filepath.Join(dir, "src", "ext001", "part0.c"))
	c.waitDiags(u, "first diagnostics", hasCode("HPY201"))
	c.waitDiags(setupURI, "the extension's HPY209", hasCode("HPY209"))
	// The first run's last list (ext000's misnamed HPy_MODINIT): what
	// comes after it is the edit's.
	c.waitDiags(uri.File(filepath.Join(dir, "src", "ext000", "part0.c")), "ext000's HPY102", hasCode("HPY102"))
	c.mu.Lock()
	before := len(c.pubs)
	c.mu.Unlock()

	c.change(u, 2, protocol.Range{}, "\n")
	c.waitFor("setup.py's publication after the edit", func() bool {
		return slices.ContainsFunc(c.pubs[before:], func(q protocol.PublishDiagnosticsParams) bool { return q.URI == setupURI })
	})
	c.mu.Lock()
	var order []uri.URI
	for _, p := range c.pubs[before:] {
		order = append(order, p.URI)
	}
	c.mu.Unlock()
	if len(order) < 2 || order[0] != u {
		t.Fatalf("published in the order %v; want the open buffer %s first", order, u)
	}
}
