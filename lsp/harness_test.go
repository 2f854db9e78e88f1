package lsp

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A scripted client over net.Pipe: it records what the server sends and
// answers the server's requests (configuration, registration, refresh).

type client struct {
	t      testing.TB
	conn   jsonrpc2.Conn
	srv    *Server
	exit   chan int
	ctx    context.Context
	events chan struct{} // signalled on every notification

	mu            sync.Mutex
	pubs          []protocol.PublishDiagnosticsParams
	messages      []protocol.ShowMessageParams
	logs          []protocol.LogMessageParams
	traces        []string
	registrations []protocol.Registration
	refreshes     int
	configPulls   [][]protocol.ConfigurationItem
	// config answers workspace/configuration (nil answers null per item).
	config func(item protocol.ConfigurationItem) any
}

type setup struct {
	caps     protocol.ClientCapabilities
	folders  []string // absolute paths
	initOpts string   // raw JSON
	tweak    func(*Server)
	config   func(item protocol.ConfigurationItem) any
	log      *slog.Logger // nil logs through the test
	debounce time.Duration
	// clientSide, when set, wraps the client's end of the pipe.
	clientSide func(net.Conn) net.Conn
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// startServer runs a server in process and connects a client to it; it is
// not initialized yet.
func startServer(t testing.TB, st setup) *client {
	t.Helper()
	a, b := net.Pipe()
	if st.clientSide != nil {
		b = st.clientSide(b)
	}
	log, debounce := st.log, st.debounce
	if log == nil {
		log = testLogger(t)
	}
	if debounce == 0 {
		debounce = 5 * time.Millisecond
	}
	s := New(Options{Version: "test", Log: log, Debounce: debounce})
	if st.tweak != nil {
		st.tweak(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, srv: s, exit: make(chan int, 1), ctx: ctx, events: make(chan struct{}, 1), config: st.config}
	go func() { c.exit <- s.Serve(ctx, a) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(b), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(ctx, c.handle)
	t.Cleanup(func() {
		cancel()
		_ = c.conn.Close()
		select {
		case <-c.exit:
		case <-time.After(5 * time.Second):
			t.Error("server did not stop")
		}
	})
	return c
}

// initialize runs the handshake and returns the server's answer.
func (c *client) initialize(st setup) *protocol.InitializeResult {
	c.t.Helper()
	p := protocol.InitializeParams{Capabilities: st.caps}
	var wfs []protocol.WorkspaceFolder
	for _, f := range st.folders {
		wfs = append(wfs, protocol.WorkspaceFolder{URI: uri.File(f), Name: filepath.Base(f)})
	}
	if wfs != nil {
		p.WorkspaceFolders = protocol.NewNullable(wfs)
	}
	if st.initOpts != "" {
		p.InitializationOptions = protocol.LSPAny(st.initOpts)
	}
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, &p, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return &res
}

// start is startServer plus initialize.
func start(t testing.TB, st setup) *client {
	c := startServer(t, st)
	c.initialize(st)
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, 20*time.Second)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(c.ctx, method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	defer func() {
		select {
		case c.events <- struct{}{}:
		default:
		}
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	switch req.Method() {
	case protocol.MethodTextDocumentPublishDiagnostics:
		var p protocol.PublishDiagnosticsParams
		if err := protocol.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.pubs = append(c.pubs, p)
	case protocol.MethodWindowShowMessage:
		var p protocol.ShowMessageParams
		_ = protocol.Unmarshal(req.Params(), &p)
		c.messages = append(c.messages, p)
	case protocol.MethodWindowLogMessage:
		var p protocol.LogMessageParams
		_ = protocol.Unmarshal(req.Params(), &p)
		c.logs = append(c.logs, p)
	case protocol.MethodLogTrace:
		var p protocol.LogTraceParams
		_ = protocol.Unmarshal(req.Params(), &p)
		c.traces = append(c.traces, p.Message)
	case protocol.MethodClientRegisterCapability:
		var p protocol.RegistrationParams
		_ = protocol.Unmarshal(req.Params(), &p)
		c.registrations = append(c.registrations, p.Registrations...)
		return nil, nil
	case protocol.MethodWorkspaceDiagnosticRefresh:
		c.refreshes++
		return nil, nil
	case protocol.MethodWorkspaceConfiguration:
		var p protocol.ConfigurationParams
		_ = protocol.Unmarshal(req.Params(), &p)
		c.configPulls = append(c.configPulls, p.Items)
		out := make([]any, len(p.Items))
		for i, it := range p.Items {
			if c.config != nil {
				out[i] = c.config(it)
			}
		}
		return out, nil
	}
	if req.IsCall() {
		return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, req.Method())
	}
	return nil, nil
}

// waitFor polls cond (under the client's lock) until it holds.
func (c *client) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-c.events:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// lastPub is the latest diagnostics published for u; ok is false if none.
func (c *client) lastPub(u uri.URI) (protocol.PublishDiagnosticsParams, bool) {
	for i := len(c.pubs) - 1; i >= 0; i-- {
		if c.pubs[i].URI == u {
			return c.pubs[i], true
		}
	}
	return protocol.PublishDiagnosticsParams{}, false
}

// waitDiags waits until the latest publication for u satisfies cond.
func (c *client) waitDiags(u uri.URI, what string, cond func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	var got []protocol.Diagnostic
	c.waitFor(what+" on "+string(u), func() bool {
		p, ok := c.lastPub(u)
		got = p.Diagnostics
		return ok && cond(p.Diagnostics)
	})
	return got
}

func (c *client) pubCount(u uri.URI) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, p := range c.pubs {
		if p.URI == u {
			n++
		}
	}
	return n
}

func hasCode(code string) func([]protocol.Diagnostic) bool {
	return func(ds []protocol.Diagnostic) bool { return findCode(ds, code) != nil }
}

func lacksCode(code string) func([]protocol.Diagnostic) bool {
	return func(ds []protocol.Diagnostic) bool { return findCode(ds, code) == nil }
}

func findCode(ds []protocol.Diagnostic, code string) *protocol.Diagnostic {
	for i := range ds {
		if s, ok := ds[i].Code.(protocol.String); ok && string(s) == code {
			return &ds[i]
		}
	}
	return nil
}

// project copies a test project to a temporary directory.
func project(t testing.TB, name string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "lsp", name)
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// open sends didOpen with the file's disk content and returns its URI
// and text.
func (c *client) open(path string) (uri.URI, string) {
	c.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	u := uri.File(path)
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: languageOf(path), Version: 1, Text: string(data),
	}})
	return u, string(data)
}

func languageOf(path string) protocol.LanguageKind {
	switch filepath.Ext(path) {
	case ".c", ".h":
		return protocol.LanguageKindC
	case ".py":
		return protocol.LanguageKindPython
	}
	return "toml"
}

// change sends one ranged edit.
func (c *client) change(u uri.URI, version int32, r protocol.Range, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{Range: r, Text: text}},
	})
}

// pushCaps is what a push-only client (Neovim before 0.10) declares.
func pushCaps() protocol.ClientCapabilities {
	return protocol.ClientCapabilities{
		Workspace: &protocol.WorkspaceClientCapabilities{
			WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{
				DocumentChanges:    ptr(true),
				ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindCreate},
			},
		},
		TextDocument: &protocol.TextDocumentClientCapabilities{
			PublishDiagnostics: &protocol.PublishDiagnosticsClientCapabilities{DiagnosticsCapabilities: protocol.DiagnosticsCapabilities{
				RelatedInformation: ptr(true),
				TagSupport:         protocol.ClientDiagnosticsTagOptions{ValueSet: []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary, protocol.DiagnosticTagDeprecated}},
			}},
			CodeAction: &protocol.CodeActionClientCapabilities{CodeActionLiteralSupport: protocol.ClientCodeActionLiteralOptions{
				CodeActionKind: protocol.ClientCodeActionKindOptions{ValueSet: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSource}},
			}},
			Hover:          &protocol.HoverClientCapabilities{ContentFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown}},
			DocumentSymbol: &protocol.DocumentSymbolClientCapabilities{HierarchicalDocumentSymbolSupport: ptr(true)},
		},
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o644) }

// rewrite replaces the first old in the file at path with new; the test
// fails if the file has no old.
func rewrite(t testing.TB, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := writeFile(path, strings.Replace(string(data), old, new, 1)); err != nil {
		t.Fatal(err)
	}
}
