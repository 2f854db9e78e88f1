package lsp

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// stuck makes every run started once block() was called hang as it enters
// stage, as one blocked on a file that never finishes opening would:
// cancellation does not reach it. Cleanup releases them.
func stuck(t *testing.T, stage string) (tweak func(*Server), block func()) {
	release := make(chan struct{})
	var blocking atomic.Bool
	t.Cleanup(func() { close(release) })
	return func(s *Server) {
		s.answerWithin = 300 * time.Millisecond
		s.stall = func(at string) {
			if at == stage && blocking.Load() {
				<-release
			}
		}
	}, func() { blocking.Store(true) }
}

// callWithin makes a request that must be answered within d.
func (c *client) callWithin(d time.Duration, method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, d)
	defer cancel()
	start := time.Now()
	_, err := c.conn.Call(ctx, method, params, result)
	if ctx.Err() != nil {
		c.t.Fatalf("%s unanswered after %v", method, time.Since(start).Round(time.Millisecond))
	}
	return err
}

// Every request that needs the analysis is answered within the bound while
// an analysis is stuck: from the last completed run when there is one.
func TestRequestsAnsweredWhileAnalysisIsStuck(t *testing.T) {
	root := project(t, "speedups")
	tweak, block := stuck(t, stageRules)
	st := setup{caps: pullCaps(), folders: []string{root}, tweak: tweak}
	c := start(t, st)
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	doc := protocol.TextDocumentIdentifier{URI: u}
	var first protocol.DocumentDiagnosticReport
	c.call(protocol.MethodTextDocumentDiagnostic, &protocol.DocumentDiagnosticParams{TextDocument: doc}, &first)

	// An edit starts the run that never ends.
	block()
	c.change(u, 2, protocol.Range{Start: protocol.Position{Line: 0, Character: 0}, End: protocol.Position{Line: 0, Character: 0}}, "\n")
	const within = 3 * time.Second
	var syms protocol.DocumentSymbolResult
	if err := c.callWithin(within, protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: doc}, &syms); err != nil {
		t.Fatalf("documentSymbol: %v", err)
	}
	if !strings.Contains(fmt.Sprint(syms), "speedups") {
		t.Errorf("documentSymbol not answered from the last run: %v", syms)
	}
	var report protocol.DocumentDiagnosticReport
	if err := c.callWithin(within, protocol.MethodTextDocumentDiagnostic, &protocol.DocumentDiagnosticParams{TextDocument: doc}, &report); err != nil {
		t.Fatalf("pull diagnostics: %v", err)
	}
	if full, ok := report.(*protocol.RelatedFullDocumentDiagnosticReport); !ok || findCode(full.Items, "HPY102") == nil {
		t.Errorf("pull diagnostics not answered from the last run: %+v", report)
	}
	var ws protocol.WorkspaceDiagnosticReport
	if err := c.callWithin(within, protocol.MethodWorkspaceDiagnostic, &protocol.WorkspaceDiagnosticParams{PreviousResultIds: []protocol.PreviousResultId{}}, &ws); err != nil || len(ws.Items) == 0 {
		t.Errorf("workspace diagnostics: %v, %d items", err, len(ws.Items))
	}
	var lenses []protocol.CodeLens
	if err := c.callWithin(within, protocol.MethodTextDocumentCodeLens, &protocol.CodeLensParams{TextDocument: doc}, &lenses); err != nil {
		t.Errorf("codeLens: %v", err)
	}
	var hover *protocol.Hover
	if err := c.callWithin(within, protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: doc, Position: protocol.Position{Line: 21, Character: 14}}}, &hover); err != nil {
		t.Errorf("hover: %v", err)
	}
	var actions []protocol.CommandOrCodeAction
	if err := c.callWithin(within, protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{TextDocument: doc, Range: protocol.Range{End: protocol.Position{Line: 30}}}, &actions); err != nil {
		t.Errorf("codeAction: %v", err)
	}
}

// With no completed run to fall back on, the request fails within the
// bound with an error naming what the analysis is doing.
func TestRequestFailsNamingTheStuckAnalysis(t *testing.T) {
	root := project(t, "speedups")
	tweak, block := stuck(t, stageConfig)
	block()
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: tweak})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	var syms protocol.DocumentSymbolResult
	err := c.callWithin(3*time.Second, protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &syms)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.Code(protocol.LSPErrorCodesRequestFailed) || !strings.Contains(rpcErr.Message, stageConfig) || !strings.Contains(rpcErr.Message, root) {
		t.Fatalf("documentSymbol: %v, want a request-failed error naming %q and the folder", err, stageConfig)
	}
	// The server itself still answers what needs no analysis.
	var res any
	if err := c.callWithin(3*time.Second, "hpyls/noSuchMethod", nil, &res); err == nil {
		t.Errorf("an unknown method was answered without an error")
	}
}

// A workspace pull waits the bound once, not once per folder.
func TestWorkspacePullBoundOnce(t *testing.T) {
	var roots []string
	for range 3 {
		roots = append(roots, project(t, "speedups"))
	}
	tweak, block := stuck(t, stageLoad)
	st := setup{caps: pullCaps(), folders: roots, tweak: func(s *Server) { tweak(s); s.answerWithin = time.Second }}
	c := start(t, st)
	var docs []protocol.TextDocumentIdentifier
	for _, root := range roots {
		u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
		docs = append(docs, protocol.TextDocumentIdentifier{URI: u})
		var r protocol.DocumentDiagnosticReport
		c.call(protocol.MethodTextDocumentDiagnostic, &protocol.DocumentDiagnosticParams{TextDocument: docs[len(docs)-1]}, &r)
	}
	block()
	for _, d := range docs {
		c.change(d.URI, 2, protocol.Range{}, "\n")
	}
	start := time.Now()
	var ws protocol.WorkspaceDiagnosticReport
	if err := c.callWithin(5*time.Second, protocol.MethodWorkspaceDiagnostic, &protocol.WorkspaceDiagnosticParams{PreviousResultIds: []protocol.PreviousResultId{}}, &ws); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2500*time.Millisecond {
		t.Errorf("workspace pull took %v for 3 folders with a bound of 1s", took.Round(time.Millisecond))
	}
	if len(ws.Items) < 3 {
		t.Errorf("workspace pull did not answer from the last runs: %d items", len(ws.Items))
	}
}
