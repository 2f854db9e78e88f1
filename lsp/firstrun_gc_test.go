package lsp

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// A folder's first run collects the garbage of the opening before it
// publishes anything, so that the first keys typed after the first
// publication do not meet that collection; runs after edits leave
// collecting to the runtime and to the idle collector.
func TestFirstRunCollectsBeforeItPublishes(t *testing.T) {
	root := copyDir(t, filepath.Join("..", "testdata", "sample"))
	var calls atomic.Int32
	entered, release := make(chan struct{}, 1), make(chan struct{})
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) {
		s.collect = func() {
			if calls.Add(1) == 1 {
				entered <- struct{}{}
				<-release
			}
		}
	}})
	u, _ := c.open(filepath.Join(root, "src", "pointlib", "point.c"))
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("the folder's first run did not collect")
	}
	// While the collection is held, nothing is published.
	time.Sleep(50 * time.Millisecond)
	c.mu.Lock()
	published := len(c.pubs)
	c.mu.Unlock()
	close(release)
	if published != 0 {
		t.Fatalf("%d publications before the first run's collection was over", published)
	}
	c.waitDiags(u, "HPY102", hasCode("HPY102"))

	before := calls.Load()
	c.change(u, 2, protocol.Range{}, "\n") // moves every finding: a publication
	c.waitFor("the publication of version 2", func() bool {
		p, ok := c.lastPub(u)
		v, _ := p.Version.Get()
		return ok && v == 2
	})
	if n := calls.Load(); n != before {
		t.Errorf("%d collections after an edit's run, want %d: a run after an edit does not collect", n, before)
	}
}

// The first run after a file is opened collects too, before it publishes:
// opening a file parses it whole, and in a folder whose first run is long
// past, that garbage's collection fell on the first keys typed into the
// file (bench/lsp-latency -fix-first: a file opened after a fix of
// another). Runs after edits of open files do not collect.
func TestRunAfterAnOpenCollects(t *testing.T) {
	root := copyDir(t, filepath.Join("..", "testdata", "sample"))
	var calls atomic.Int32
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) {
		s.collect = func() { calls.Add(1) }
	}})
	u, _ := c.open(filepath.Join(root, "src", "pointlib", "point.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	c.change(u, 2, protocol.Range{}, "\n")
	c.waitFor("the publication of version 2", func() bool {
		p, ok := c.lastPub(u)
		v, _ := p.Version.Get()
		return ok && v == 2
	})
	settled := calls.Load()
	c.open(filepath.Join(root, "src", "pointlib", "vector.c"))
	c.waitFor("a collection in the run after vector.c was opened", func() bool { return calls.Load() == settled+1 })
	c.change(u, 3, protocol.Range{}, "\n")
	c.waitFor("the publication of version 3", func() bool {
		p, ok := c.lastPub(u)
		v, _ := p.Version.Get()
		return ok && v == 3
	})
	if n := calls.Load(); n != settled+1 {
		t.Errorf("%d collections, want %d: one for the open, none for the edits", n, settled+1)
	}
}
