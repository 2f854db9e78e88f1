package lsp

import (
	"context"
	"slices"
	"time"
)

// A request that waits for a run (a quick fix after a key that changes
// the facts) is woken when the run is recorded, and the runtime queues it
// on the worker's own core, where the worker goes on to encode and write
// the run's publications: numpy-hpy's open file encodes to 700 KB. The
// answer waited behind them: 0.8 to 1.5 ms from the run recorded to the
// request running again (a throwaway trace over bursts of keys, against 5
// to 40 µs with this), then for the connection, which the publication's
// write holds. So the worker lets the requests the run was recorded for
// answer first, for up to answerFirstWithin: a fix-all, which analyses its
// fixed text afterwards, or a slow request does not hold the publications
// back longer.
const answerFirstWithin = 3 * time.Millisecond

// waitTicket is what one request holds while it waits for a folder's run
// and answers from it (Server.mu guards it).
type waitTicket struct {
	folder *folder   // the folder whose run it waits for, if it does
	batch  *handover // the run it was handed, while it answers from it
}

// handover is the requests one recorded run woke: the worker waits until
// none is left answering (left reaches 0 and done is closed).
type handover struct {
	left int
	done chan struct{}
}

type waitTicketKey struct{}

// withWaitTicket gives a request's context a ticket, released by
// releaseTicket once the request is answered.
func withWaitTicket(ctx context.Context) (context.Context, *waitTicket) {
	t := &waitTicket{}
	return context.WithValue(ctx, waitTicketKey{}, t), t
}

// holdLocked records that the request of ctx waits for f's next run. It
// answers from no run it was handed before: a change came after that one.
func (s *Server) holdLocked(ctx context.Context, f *folder) {
	t, _ := ctx.Value(waitTicketKey{}).(*waitTicket)
	if t == nil {
		return
	}
	t.leaveBatchLocked()
	if t.folder != f {
		t.folder = f
		f.waiters = append(f.waiters, t)
	}
}

// handOverLocked hands the run being recorded for f to the requests
// waiting for it; nil when none is.
func (s *Server) handOverLocked(f *folder) *handover {
	if len(f.waiters) == 0 {
		return nil
	}
	b := &handover{done: make(chan struct{})}
	for _, t := range f.waiters {
		t.folder, t.batch = nil, b
		b.left++
	}
	f.waiters = f.waiters[:0]
	return b
}

// releaseTicket ends a request's wait: it is answered.
func (s *Server) releaseTicket(t *waitTicket) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t.leaveBatchLocked()
	if f := t.folder; f != nil {
		f.waiters = slices.DeleteFunc(f.waiters, func(w *waitTicket) bool { return w == t })
		t.folder = nil
	}
}

func (t *waitTicket) leaveBatchLocked() {
	b := t.batch
	if b == nil {
		return
	}
	t.batch = nil
	b.left--
	if b.left == 0 {
		close(b.done)
	}
}

// letAnswer returns once the requests b was handed to have answered, or
// after answerFirstWithin; it reports how long it waited.
func (s *Server) letAnswer(b *handover) time.Duration {
	if b == nil {
		return 0
	}
	start := time.Now()
	bound := time.NewTimer(answerFirstWithin)
	defer bound.Stop()
	select {
	case <-b.done:
	case <-bound.C:
	case <-s.ctx.Done():
	}
	return time.Since(start)
}
