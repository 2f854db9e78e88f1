package lsp

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A fix-all whose re-analysis of the fixed text is stuck (a file system
// that never answers) does not hold the code action request: it is
// answered within the bound with the quick fixes and without the fix-all,
// or, asked for the fix-all alone, with an empty list and a logged reason.
// The fix-all is computed once however many requests come meanwhile, and
// once it is done the next request gets the same edit as a server that
// never stalled.
func TestFixAllAnsweredWithinBoundWhileRerunStuck(t *testing.T) {
	sample := filepath.Join("..", "testdata", "sample")
	control := copyDir(t, sample)
	want := serverFixAll(t, start(t, setup{caps: pushCaps(), folders: []string{control}}), control, "src/pointlib/point.c")

	root := copyDir(t, sample)
	gate := newRerunGate(t)
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: gate.tweak})
	u, text := c.open(filepath.Join(root, "src", "pointlib", "point.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))

	const within = 3 * time.Second
	ask := func(only ...protocol.CodeActionKind) []protocol.CommandOrCodeAction {
		t.Helper()
		var res []protocol.CommandOrCodeAction
		params := &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: protocol.Range{End: protocol.Position{Line: 100}}, Context: protocol.CodeActionContext{Only: only}}
		if err := c.callWithin(within, protocol.MethodTextDocumentCodeAction, params, &res); err != nil {
			t.Fatalf("codeAction: %v", err)
		}
		return res
	}
	for range 3 {
		actions := ask()
		if fixAllIn(actions) != nil {
			t.Fatalf("a fix-all action while its re-analysis is stuck: %+v", actions)
		}
		if len(actions) == 0 {
			t.Errorf("no quick fixes while the fix-all is stuck")
		}
	}
	if actions := ask(codeActionKindFixAll); actions == nil || len(actions) != 0 {
		t.Errorf("fix-all alone while stuck: %#v, want an empty list", actions)
	}
	c.waitFor("a logged reason", func() bool {
		for _, l := range c.logs {
			if strings.Contains(l.Message, "fix-all") && strings.Contains(l.Message, "not ready") {
				return true
			}
		}
		return false
	})
	if n := gate.stalled.Load(); n != 1 {
		t.Errorf("%d fix-all computations started for one file of one analysis, want 1", n)
	}

	// A request cancelled while it waits leaves the computation running
	// (its result is for the next request), not a failure in the memo.
	o, err := c.srv.outcomeFor(context.Background(), fsPath(u))
	if err != nil || o == nil {
		t.Fatalf("outcome: %v", err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if fa, ready := c.srv.fixAll(cancelled, o, "src/pointlib/point.c", time.Now().Add(time.Hour)); ready || fa != nil {
		t.Errorf("a cancelled request got a fix-all: ready %v, %v", ready, fa)
	}

	gate.open()
	var got *protocol.CodeAction
	for deadline := time.Now().Add(20 * time.Second); got == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no fix-all action after its re-analysis was released")
		}
		got = fixAllIn(ask(codeActionKindFixAll))
	}
	edits, _ := documentEdits(got.Edit, u)
	if fixed := applyEdits(t, text, edits); fixed != want.text {
		t.Errorf("fix-all after the stall differs from one never stalled\n--- after\n%s\n--- never stalled\n%s", excerpt(fixed, want.text), excerpt(want.text, fixed))
	}
	header := filepath.Join(root, "src", "pointlib", "hpy_cpython_entrypoint.h")
	hdr, _ := documentEdits(got.Edit, uri.File(header))
	if created := applyEdits(t, "", hdr); created != want.created["src/pointlib/hpy_cpython_entrypoint.h"] {
		t.Errorf("header created after the stall:\n%s\nwant\n%s", created, want.created["src/pointlib/hpy_cpython_entrypoint.h"])
	}
}

func fixAllIn(actions []protocol.CommandOrCodeAction) *protocol.CodeAction {
	for _, a := range actions {
		if ca, ok := a.(*protocol.CodeAction); ok && ca.Kind != nil && *ca.Kind == codeActionKindFixAll {
			return ca
		}
	}
	return nil
}

// A fix-all still running when a newer run replaces its outcome is
// cancelled: once its re-analysis comes back it stops, and its outcome's
// memo keeps no result, failed or not.
func TestFixAllOfReplacedOutcomeStops(t *testing.T) {
	root := copyDir(t, filepath.Join("..", "testdata", "sample"))
	gate := newRerunGate(t)
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: gate.tweak})
	u, _ := c.open(filepath.Join(root, "src", "pointlib", "point.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	old, err := c.srv.outcomeFor(context.Background(), fsPath(u))
	if err != nil || old == nil {
		t.Fatalf("outcome: %v", err)
	}
	if fa, ready := c.srv.fixAll(context.Background(), old, "src/pointlib/point.c", time.Now().Add(100*time.Millisecond)); ready {
		t.Fatalf("fix-all ready while its re-analysis is stuck: %+v", fa)
	}
	c.change(u, 2, protocol.Range{}, "\n")
	c.waitDiags(u, "the edit analysed", func(ds []protocol.Diagnostic) bool {
		d := findCode(ds, "HPY102")
		return d != nil && d.Range.Start.Line == 20
	})
	gate.open()
	old.fixAlls.mu.Lock()
	job := old.fixAlls.files["src/pointlib/point.c"]
	old.fixAlls.mu.Unlock()
	if job == nil {
		t.Fatal("the fix-all job is gone before its re-analysis came back")
	}
	select {
	case <-job.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the replaced outcome's fix-all did not end")
	}
	if job.res != nil {
		t.Errorf("the replaced outcome's fix-all went on to a result")
	}
	old.fixAlls.mu.Lock()
	defer old.fixAlls.mu.Unlock()
	if _, kept := old.fixAlls.files["src/pointlib/point.c"]; kept {
		t.Errorf("a cancelled fix-all left in the memo")
	}
}

// rerunGate holds every fix-all re-analysis until opened, as a file system
// that never answers would, and counts the re-analyses it held.
type rerunGate struct {
	release chan struct{}
	once    sync.Once
	stalled atomic.Int32
}

func newRerunGate(t *testing.T) *rerunGate {
	g := &rerunGate{release: make(chan struct{})}
	t.Cleanup(g.open)
	return g
}

func (g *rerunGate) open() { g.once.Do(func() { close(g.release) }) }

// tweak installs the gate in a server, with a short request bound.
func (g *rerunGate) tweak(s *Server) {
	s.answerWithin = 300 * time.Millisecond
	s.stall = func(stage string) {
		if stage != stageFixAllRerun {
			return
		}
		select {
		case <-g.release:
		default:
			g.stalled.Add(1)
			<-g.release
		}
	}
}
