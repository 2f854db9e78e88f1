package lsp

import (
	"fmt"
	"strings"

	"go.lsp.dev/protocol"
)

// tracef sends $/logTrace when the client asked for traces ($/setTrace or
// initialize's trace), and always logs.
func (s *Server) tracef(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.log.Debug(msg)
	s.mu.Lock()
	on := s.trace != "" && s.trace != protocol.TraceValueOff && s.client != nil
	s.mu.Unlock()
	if on {
		_ = s.client.LogTrace(s.ctx, &protocol.LogTraceParams{Message: msg})
	}
}

// showOnce shows a message to the user the first time it occurs in the
// session: a broken setting or a failing rule is worth one popup, not one
// per keystroke.
func (s *Server) showOnce(typ protocol.MessageType, msg string) {
	s.mu.Lock()
	seen := s.shown[msg]
	s.shown[msg] = true
	client := s.client
	s.mu.Unlock()
	if typ == protocol.MessageTypeError {
		s.log.Error(msg)
	} else {
		s.log.Warn(msg)
	}
	if seen || client == nil {
		return
	}
	_ = client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: typ, Message: msg})
}

// internalFailure reports a bug (a rule or handler that panicked): the
// whole report with its stack goes to the log, its first line to the user
// once.
func (s *Server) internalFailure(report string) {
	s.log.Error("internal error", "report", report)
	head, _, _ := strings.Cut(report, "\n")
	s.showOnce(protocol.MessageTypeError, "hpylint: internal error, other findings are still shown ("+head+"); details are in the hpyls log")
}
