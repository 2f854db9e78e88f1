package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/lsp/wire"
)

// Serve runs the server over one stream (stdio in hpyls) until the client
// sends exit or the stream ends, and returns the exit code the spec asks
// for: 0 when shutdown came first, 1 otherwise, and 1 as well when the
// session ended on a frame that could not be read.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	return New(opts).Serve(ctx, rwc)
}

// Serve runs s over rwc; see the package-level Serve.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	// The library ends the session on any message it cannot decode, so it
	// reads through wire, which answers malformed messages itself.
	in := wire.New(rwc, s.log)
	stream := jsonrpc2.NewStream(in)
	// protocol.NewServer would wrap every message in AsyncHandler, so two
	// didChange notifications could be applied out of order. We keep
	// notifications on the read loop (wire order) and release only
	// requests, which then see every notification sent before them.
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.conn = conn
	s.client = protocol.ClientDispatcher(conn)
	conn.Go(ctx, s.handler())
	workerDone := make(chan struct{})
	go func() { defer close(workerDone); s.worker() }()

	select {
	case <-s.exited:
	case <-conn.Done():
		if err := in.Broken(); err != nil {
			s.log.Warn("ending the session: the client's stream cannot be read any further", "err", err)
		} else {
			s.log.Info("connection closed", "err", conn.Err())
		}
	case <-ctx.Done():
	}
	cancel()
	// Every answer is written by now (writes are synchronous). Closing
	// the stream cannot interrupt a read blocked on stdin, so the process
	// does not wait for it long.
	closed := make(chan struct{})
	go func() { _ = conn.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(100 * time.Millisecond):
	}
	// A run finishing, or a publication the client no longer reads, must
	// not keep the process alive.
	select {
	case <-workerDone:
		s.closeDocuments()
	case <-time.After(time.Second):
		s.log.Warn("analysis did not stop within 1s; exiting anyway")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.phase == phaseShutdown && in.Broken() == nil {
		return 0
	}
	return 1
}

// inlineCalls are the requests answered on the read loop: nothing may
// overtake initialize or shutdown.
var inlineCalls = map[string]bool{
	protocol.MethodInitialize: true,
	protocol.MethodShutdown:   true,
}

// handler is the middleware chain: panics and notification errors stay
// local (jsonrpc2 would otherwise tear the connection down for either),
// $/cancelRequest cancels the named request (numeric or string id), and
// requests other than initialize and shutdown run concurrently.
func (s *Server) handler() jsonrpc2.Handler {
	dispatch := protocol.ServerHandler(s, jsonrpc2.MethodNotFoundHandler)
	inner := func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() {
			// Every call is released, the inline ones only once answered:
			// CancelHandler derives a context from the request's, and
			// jsonrpc2 recycles a request that was never released while
			// that context may still look at it.
			if inlineCalls[req.Method()] {
				defer jsonrpc2.Async(ctx)
			} else {
				jsonrpc2.Async(ctx)
			}
		}
		if err := s.admit(req); err != nil {
			return nil, err
		}
		return dispatch(ctx, req)
	}
	cancellable := protocol.CancelHandler(inner)
	return func(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.internalFailure(fmt.Sprintf("handling %s: %v\n%s", req.Method(), r, debug.Stack()))
				result, err = nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("hpyls: internal error in %s (see the server log)", req.Method()))
				if !req.IsCall() {
					err = nil
				}
			}
		}()
		if req.IsCall() {
			var ticket *waitTicket
			ctx, ticket = withWaitTicket(ctx)
			defer s.releaseTicket(ticket)
		}
		result, err = cancellable(ctx, req)
		if errors.Is(err, jsonrpc2.ErrParse) {
			// wire lets only valid JSON through: what fails to parse here
			// are params of the wrong shape.
			err = jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("hpyls: invalid params for %s: %v", req.Method(), strings.TrimPrefix(err.Error(), jsonrpc2.ErrParse.Error()+": ")))
		}
		if err != nil && !req.IsCall() {
			s.log.Warn("notification failed", "method", req.Method(), "err", err)
			return nil, nil
		}
		return result, err
	}
}

// admit applies the lifecycle rules: nothing but initialize (and exit)
// before initialize, nothing but exit after shutdown.
func (s *Server) admit(req *jsonrpc2.Request) error {
	m := req.Method()
	s.mu.Lock()
	phase := s.phase
	s.mu.Unlock()
	switch {
	case m == protocol.MethodExit:
		return nil
	case phase == phaseNew && m != protocol.MethodInitialize:
		if req.IsCall() {
			return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "hpyls: initialize first")
		}
		return errIgnored
	case phase != phaseNew && m == protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "hpyls: initialize was already received")
	case phase == phaseShutdown:
		if req.IsCall() {
			return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "hpyls: shutting down; only exit is accepted")
		}
		return errIgnored
	}
	return nil
}

// errIgnored drops a notification the lifecycle does not allow yet.
var errIgnored = fmt.Errorf("notification ignored in this lifecycle phase")
