package lsp

import (
	"bytes"
	"context"
	"net"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.lsp.dev/protocol"
)

// wireLog keeps what the client read from the server, in wire order.
type wireLog struct {
	net.Conn
	mu   sync.Mutex
	read bytes.Buffer
}

func (w *wireLog) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	w.mu.Lock()
	w.read.Write(p[:n])
	w.mu.Unlock()
	return n, err
}

func (w *wireLog) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.read.Bytes())
}

// A quick fix asked after a key that changes the facts waits for the run;
// once the run is recorded its answer goes out before the run's
// publications. On one core the worker, which records the run and then
// publishes, would otherwise keep the core: the answer came after the
// publication, however large.
func TestRequestsThatWaitedAnswerBeforeThePublications(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	wire := &wireLog{}
	e := startEarlyWith(t, earlySource, true, func(st *setup) {
		st.clientSide = func(b net.Conn) net.Conn { wire.Conn = b; return wire }
	})
	c, g, u := e.client, e.gate, e.u
	g.hold()
	at := strings.Index(e.text, "    return v;")
	e.edit(at, at, "    PyErr_Clear();\n")
	line := uint32(strings.Count(e.text[:at], "\n"))
	d, answer := e.ask(protocol.MethodTextDocumentCodeAction, quickFixParams(u, line, line))
	if d.early {
		t.Fatalf("the quick fix was answered early after a key that changes the facts: %s", d.line)
	}
	g.release()
	<-answer
	c.waitFor("the publication of version 2", func() bool {
		p, ok := c.lastPub(u)
		v, _ := p.Version.Get()
		return ok && v == 2
	})

	read := wire.bytes()
	reply := bytes.LastIndex(read, []byte(`"result"`))
	publication := bytes.Index(read, []byte(`"version":2`))
	if reply < 0 || publication < 0 {
		t.Fatalf("the reply (at %d) or the publication of version 2 (at %d) is not on the wire", reply, publication)
	}
	if publication < reply {
		t.Errorf("the publication of version 2 went out before the answer of the quick fix that waited for its run")
	}
}

// The worker waits for the requests a recorded run woke, not for one that
// a later change sent back to wait for the next run, nor for one that
// came after.
func TestHandOverWaitsOnlyForTheRequestsAnsweringFromTheRun(t *testing.T) {
	s := &Server{ctx: context.Background()}
	f := &folder{}
	waitFor := func() *waitTicket {
		ctx, ticket := withWaitTicket(context.Background())
		s.holdLocked(ctx, f)
		s.holdLocked(ctx, f) // a request woken by a run that was not current
		return ticket
	}
	a, b := waitFor(), waitFor()
	if len(f.waiters) != 2 {
		t.Fatalf("%d waiters, want 2", len(f.waiters))
	}
	woken := s.handOverLocked(f)
	if woken == nil || woken.left != 2 || len(f.waiters) != 0 {
		t.Fatalf("handed over to %+v, %d left waiting; want both handed over", woken, len(f.waiters))
	}
	later := waitFor()
	s.releaseTicket(a)
	// b woke after another change came: it waits for the next run.
	ctxB := context.WithValue(context.Background(), waitTicketKey{}, b)
	s.holdLocked(ctxB, f)
	select {
	case <-woken.done:
	default:
		t.Fatal("the worker still waits: b was sent back to wait and a answered")
	}
	if got := s.letAnswer(woken); got > answerFirstWithin/2 {
		t.Errorf("letAnswer waited %v for requests that had answered", got)
	}
	if len(f.waiters) != 2 || !slices.Contains(f.waiters, b) || !slices.Contains(f.waiters, later) {
		t.Errorf("waiters for the next run: %v, want b and the later request", f.waiters)
	}
	s.releaseTicket(b)
	s.releaseTicket(later)
	if len(f.waiters) != 0 {
		t.Errorf("%d waiters left after every request answered", len(f.waiters))
	}
	if s.handOverLocked(f) != nil {
		t.Error("a run recorded with nobody waiting hands over to somebody")
	}
}
