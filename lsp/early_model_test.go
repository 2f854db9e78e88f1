package lsp

import (
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// While a user hovers, the model of a run that moved its findings is
// built as soon as the run is recorded, beside its publication, not after
// it: here the client reads nothing while the key's run is published (the
// worker stays blocked writing to it), and the model is built all the same.
func TestAskedModelIsBuiltBesideThePublication(t *testing.T) {
	e := startEarly(t, earlySource, true)
	var h *protocol.Hover
	if err := e.callWithin(10*time.Second, protocol.MethodTextDocumentHover, hoverParams(e.u, asciiPosition(e.text, at(t, e.text, "PyLong_AsLong", 2))), &h); err != nil {
		t.Fatal(err)
	}
	// The first run is recorded before it is published: its publication
	// and the trace after it may still be on their way, and a worker
	// blocked on them would never run the Enter.
	e.client.waitFor("the first run's trace", func() bool {
		return slices.ContainsFunc(e.client.traces, func(m string) bool { return strings.HasPrefix(m, "analysed ") })
	})
	// Asked again right before the Enter: the worker builds the model of
	// a run when one was asked within modelWanted, which a loaded machine
	// can let lapse between the first answer and the Enter.
	if err := e.callWithin(10*time.Second, protocol.MethodTextDocumentHover, hoverParams(e.u, asciiPosition(e.text, at(t, e.text, "PyLong_AsLong", 2))), &h); err != nil {
		t.Fatal(err)
	}
	// The client's handler waits for its lock: the first message the
	// server writes is read and then held, and the worker blocks on the
	// next one (the publication, or the trace after it).
	e.client.mu.Lock()
	locked := true
	defer func() {
		if locked {
			e.client.mu.Unlock()
		}
	}()
	i := at(t, e.text, "    return HPy_Dup", 0)
	e.edit(i, i, "\n")
	s := e.srv
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		f := s.folders[0]
		o, current := f.last, f.gen == f.doneGen
		s.mu.Unlock()
		if current && o != nil && o.res != nil && o.versions[fsPath(e.u)] == e.version {
			if !o.res.Moved {
				t.Fatalf("the Enter's run did not move its findings: %s", o.res.NotMoved)
			}
			if o.res.ModelReady() {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the model of the moved run was not built while its publication waited for the client")
		}
		time.Sleep(2 * time.Millisecond)
	}
	e.client.mu.Unlock()
	locked = false
	e.settle()
}
