package lsp

import (
	"context"
	"slices"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/textpos"
)

// codeActionKindFixAll is hpylint's "fix all" source action, so editors can
// run it on save (VS Code: "editor.codeActionsOnSave").
const codeActionKindFixAll protocol.CodeActionKind = "source.fixAll.hpylint"

// clientCaps is what the server uses from the client's capabilities.
type clientCaps struct {
	configuration       bool // workspace/configuration
	watchedFiles        bool // dynamic registration of didChangeWatchedFiles
	relativePatterns    bool
	documentChanges     bool // WorkspaceEdit.documentChanges
	createFiles         bool // the "create" resource operation
	pullDiagnostics     bool // textDocument/diagnostic
	diagnosticRefresh   bool // workspace/diagnostic/refresh
	tags                []protocol.DiagnosticTag
	codeActionLiterals  bool
	markdownHover       bool
	hierarchicalSymbols bool
	codeLensRefresh     bool
}

func readCaps(c protocol.ClientCapabilities) clientCaps {
	var cc clientCaps
	if w := c.Workspace; w != nil {
		cc.configuration = isTrue(w.Configuration)
		if f := w.DidChangeWatchedFiles; f != nil {
			cc.watchedFiles = isTrue(f.DynamicRegistration)
			cc.relativePatterns = isTrue(f.RelativePatternSupport)
		}
		if e := w.WorkspaceEdit; e != nil {
			cc.createFiles = slices.Contains(e.ResourceOperations, protocol.ResourceOperationKindCreate)
			// Resource operations only exist inside documentChanges, so a
			// client that lists them (Neovim 0.7 does, without setting
			// documentChanges) applies documentChanges.
			cc.documentChanges = isTrue(e.DocumentChanges) || len(e.ResourceOperations) > 0
		}
		if d := w.Diagnostics; d != nil {
			cc.diagnosticRefresh = isTrue(d.RefreshSupport)
		}
		if l := w.CodeLens; l != nil {
			cc.codeLensRefresh = isTrue(l.RefreshSupport)
		}
	}
	if t := c.TextDocument; t != nil {
		cc.pullDiagnostics = t.Diagnostic != nil
		if p := t.PublishDiagnostics; p != nil {
			cc.tags = p.TagSupport.ValueSet
		}
		if t.Diagnostic != nil && len(cc.tags) == 0 {
			cc.tags = t.Diagnostic.TagSupport.ValueSet
		}
		if a := t.CodeAction; a != nil {
			cc.codeActionLiterals = len(a.CodeActionLiteralSupport.CodeActionKind.ValueSet) > 0
		}
		if h := t.Hover; h != nil {
			cc.markdownHover = slices.Contains(h.ContentFormat, protocol.MarkupKindMarkdown)
		}
		if d := t.DocumentSymbol; d != nil {
			cc.hierarchicalSymbols = isTrue(d.HierarchicalDocumentSymbolSupport)
		}
	}
	return cc
}

func isTrue(b *bool) bool { return b != nil && *b }

// negotiateEncoding picks UTF-8 when the client offers it (no conversion
// at all), else UTF-16, which every client must support.
func negotiateEncoding(g *protocol.GeneralClientCapabilities) (textpos.Encoding, protocol.PositionEncodingKind) {
	if g != nil && slices.Contains(g.PositionEncodings, protocol.PositionEncodingKindUTF8) {
		return textpos.UTF8, protocol.PositionEncodingKindUTF8
	}
	return textpos.UTF16, protocol.PositionEncodingKindUTF16
}

func (s *Server) Initialize(ctx context.Context, p *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	enc, encKind := negotiateEncoding(p.Capabilities.General)
	caps := readCaps(p.Capabilities)
	settings := parseSettings(p.InitializationOptions)

	var roots []protocol.WorkspaceFolder
	if fs, ok := p.WorkspaceFolders.Get(); ok {
		roots = fs
	} else if p.RootURI != nil && *p.RootURI != "" {
		roots = []protocol.WorkspaceFolder{{URI: *p.RootURI, Name: "root"}}
	} else if rp, ok := p.RootPath.Get(); ok && rp != "" {
		roots = []protocol.WorkspaceFolder{{URI: uri.File(rp), Name: "root"}}
	}

	s.mu.Lock()
	s.phase = phaseRunning
	s.caps, s.enc = caps, enc
	s.settings = settings
	if p.Trace != "" {
		s.trace = p.Trace
	}
	for _, r := range roots {
		s.addFolder(r)
	}
	if !caps.configuration {
		close(s.configured)
	}
	s.mu.Unlock()
	s.reportSettingsProblems(settings)
	// A pid that is not visible from here (the editor in another container)
	// cannot be watched; only one seen alive now is.
	if p.ProcessID != nil && processAlive(int(*p.ProcessID)) {
		go s.watchParent(int(*p.ProcessID))
	}
	s.log.Info("initialize", "client", p.ClientInfo.Name, "encoding", encKind, "folders", len(roots), "pull", caps.pullDiagnostics)

	sync := protocol.TextDocumentSyncKindIncremental
	result := &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: encKind,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: ptr(true),
				Change:    &sync,
				Save:      &protocol.SaveOptions{IncludeText: ptr(false)},
			},
			HoverProvider:          protocol.Boolean(true),
			DocumentSymbolProvider: protocol.Boolean(true),
			CodeLensProvider:       &protocol.CodeLensOptions{},
			Workspace: &protocol.WorkspaceOptions{
				WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
					Supported:           ptr(true),
					ChangeNotifications: protocol.Boolean(true),
				},
			},
		},
		ServerInfo: protocol.ServerInfo{Name: "hpyls", Version: protocol.NewOptional(s.opts.Version)},
	}
	if caps.codeActionLiterals {
		result.Capabilities.CodeActionProvider = &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, codeActionKindFixAll},
		}
	}
	if caps.pullDiagnostics {
		result.Capabilities.DiagnosticProvider = &protocol.DiagnosticOptions{
			Identifier:            ptr("hpylint"),
			InterFileDependencies: true, // a setup.py edit changes a C file's findings
			WorkspaceDiagnostics:  true,
		}
	}
	return result, nil
}

func (s *Server) Initialized(ctx context.Context, _ *protocol.InitializedParams) error {
	s.mu.Lock()
	caps := s.caps
	s.mu.Unlock()
	// Calls to the client wait for its answer, which the read loop we are
	// running on must deliver: make them from their own goroutines.
	if caps.configuration {
		go func() {
			s.pullConfiguration()
			close(s.configured)
		}()
	}
	if caps.watchedFiles {
		go s.registerWatchers()
	}
	s.mu.Lock()
	s.changedAllLocked(true)
	s.mu.Unlock()
	return nil
}

func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.phase = phaseShutdown
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.mu.Unlock()
	s.poke()
	return nil
}

func (s *Server) Exit(ctx context.Context) error {
	s.exitOnce.Do(func() { close(s.exited) })
	return nil
}

func (s *Server) SetTrace(ctx context.Context, p *protocol.SetTraceParams) error {
	s.mu.Lock()
	s.trace = p.Value
	s.mu.Unlock()
	return nil
}

// watchParent exits the server when the editor that started it is gone
// without saying so (the spec's processId contract).
func (s *Server) watchParent(pid int) {
	t := time.NewTicker(s.parentPoll)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
			if !processAlive(pid) {
				s.log.Warn("parent process is gone; exiting", "pid", pid)
				s.exitOnce.Do(func() { close(s.exited) })
				return
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
