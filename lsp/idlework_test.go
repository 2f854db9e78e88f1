package lsp

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// The idle work (the models moved runs left for later, and a collection)
// runs beside the worker: a key typed while it is under way is analysed
// and published at once, not after it. Here the idle work is held until
// the key's findings arrive.
func TestKeyDuringIdleWorkIsNotHeld(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func() {
		once.Do(func() { close(entered) })
		<-release
	}
	idleWorkHook.Store(&hold)
	t.Cleanup(func() { idleWorkHook.Store(nil) })
	defer close(release)

	dir := t.TempDir()
	if err := benchdata.Workspace(dir, 10); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{dir}, log: testLogger(t), debounce: -1})
	u, _ := c.open(filepath.Join(dir, "src", "ext001", "part0.c"))
	c.waitDiags(u, "first diagnostics", hasCode("HPY201"))
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("no idle work began after the first run")
	}
	c.change(u, 2, protocol.Range{}, "\n")
	published := make(chan struct{})
	go func() {
		defer close(published)
		c.waitFor("the key's publication", func() bool {
			p, ok := c.lastPub(u)
			v, _ := p.Version.Get()
			return ok && v == 2
		})
	}()
	select {
	case <-published:
	case <-time.After(5 * time.Second):
		t.Fatal("the key's findings waited for the idle work")
	}
}
