package lsp

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
)

func pullCaps() protocol.ClientCapabilities {
	caps := pushCaps()
	caps.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
	caps.Workspace.Diagnostics = &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: ptr(true)}
	return caps
}

// A pull client gets full reports with result ids, "unchanged" when
// nothing changed, workspace reports for unopened files, refresh requests
// after each run, and no pushed diagnostics.
func TestPullDiagnostics(t *testing.T) {
	root := project(t, "speedups")
	st := setup{caps: pullCaps(), folders: []string{root}}
	c := startServer(t, st)
	res := c.initialize(st)
	opts, ok := res.Capabilities.DiagnosticProvider.(*protocol.DiagnosticOptions)
	if !ok || !opts.InterFileDependencies || !opts.WorkspaceDiagnostics {
		t.Fatalf("diagnosticProvider %+v", res.Capabilities.DiagnosticProvider)
	}
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	pull := func(prev *string) protocol.DocumentDiagnosticReport {
		var r protocol.DocumentDiagnosticReport
		c.call(protocol.MethodTextDocumentDiagnostic, &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, PreviousResultID: prev}, &r)
		return r
	}
	full, ok := pull(nil).(*protocol.RelatedFullDocumentDiagnosticReport)
	if !ok || findCode(full.Items, "HPY102") == nil || full.ResultID == nil {
		t.Fatalf("first pull: %+v", full)
	}
	if _, ok := pull(full.ResultID).(*protocol.RelatedUnchangedDocumentDiagnosticReport); !ok {
		t.Errorf("second pull with the same result id is not unchanged")
	}

	var ws protocol.WorkspaceDiagnosticReport
	c.call(protocol.MethodWorkspaceDiagnostic, &protocol.WorkspaceDiagnosticParams{PreviousResultIds: []protocol.PreviousResultId{}}, &ws)
	found := false
	for _, item := range ws.Items {
		if r, ok := item.(*protocol.WorkspaceFullDocumentDiagnosticReport); ok && r.URI == u && findCode(r.Items, "HPY102") != nil {
			found = true
			if r.Version == nil || *r.Version != 1 {
				t.Errorf("open file reported with version %v", r.Version)
			}
		}
	}
	if !found {
		t.Errorf("workspace report lacks the C file: %+v", ws.Items)
	}
	c.waitFor("a diagnostic refresh", func() bool { return c.refreshes > 0 })
	c.mu.Lock()
	if len(c.pubs) != 0 {
		t.Errorf("pull client got %d pushed publications", len(c.pubs))
	}
	c.mu.Unlock()
}

// Settings from initializationOptions, a workspace/configuration pull and
// the project's own [tool.hpylint], which wins key by key.
func TestConfigurationSources(t *testing.T) {
	root := project(t, "speedups")
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))

	t.Run("initializationOptions", func(t *testing.T) {
		c := start(t, setup{caps: pushCaps(), folders: []string{root}, initOpts: `{"hpylint": {"ignore": ["HPY102"], "debounce": 0}}`})
		c.waitDiags(cFile, "published without HPY102", func(ds []protocol.Diagnostic) bool { return lacksCode("HPY102")(ds) })
		// An empty notification keeps them; a real one replaces them.
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny("{}")})
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`{"hpylint": {"ignore": ["HPY105"]}}`)})
		c.waitDiags(cFile, "HPY102 back, HPY105 gone", func(ds []protocol.Diagnostic) bool { return hasCode("HPY102")(ds) && lacksCode("HPY105")(ds) })
		c.mu.Lock()
		n := len(c.pubs)
		c.mu.Unlock()
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny("{}")})
		var h *protocol.Hover
		c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: cFile}}}, &h)
		c.mu.Lock()
		if len(c.pubs) != n {
			t.Errorf("an empty didChangeConfiguration changed the findings: %+v", c.pubs[n:])
		}
		c.mu.Unlock()
	})

	t.Run("pull and didChangeConfiguration", func(t *testing.T) {
		caps := pushCaps()
		caps.Workspace.Configuration = ptr(true)
		ignore := "HPY102"
		var c *client
		c = start(t, setup{caps: caps, folders: []string{root}, config: func(it protocol.ConfigurationItem) any {
			return map[string]any{"ignore": []string{ignore}}
		}})
		c.waitDiags(cFile, "HPY102 ignored by the pulled settings", lacksCode("HPY102"))
		c.mu.Lock()
		if len(c.configPulls) == 0 || len(c.configPulls[0]) != 2 || c.configPulls[0][1].ScopeURI == nil {
			t.Errorf("pull items %+v", c.configPulls)
		}
		ignore = "HPY105"
		c.mu.Unlock()
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny("null")})
		c.waitDiags(cFile, "HPY102 back after the re-pull", hasCode("HPY102"))
	})

	t.Run("project wins", func(t *testing.T) {
		proj := project(t, "speedups")
		if err := writeFile(filepath.Join(proj, "hpylint.toml"), "ignore = [\"HPY105\"]\n"); err != nil {
			t.Fatal(err)
		}
		c := start(t, setup{caps: pushCaps(), folders: []string{proj}, initOpts: `{"ignore": ["HPY102"], "select": ["HPY1"]}`})
		f := uri.File(filepath.Join(proj, "src", "speedups.c"))
		// ignore comes from hpylint.toml (HPY105 off, HPY102 on); select
		// from the client (only HPY1xx).
		c.waitDiags(f, "project ignore wins", func(ds []protocol.Diagnostic) bool {
			return hasCode("HPY102")(ds) && lacksCode("HPY105")(ds)
		})
	})

	t.Run("invalid settings", func(t *testing.T) {
		c := start(t, setup{caps: pushCaps(), folders: []string{root}, initOpts: `{"selct": ["HPY1"], "ignore": ["HPY102"]}`})
		c.waitDiags(cFile, "the valid key still applies", lacksCode("HPY102"))
		c.waitFor("a warning about the bad key", func() bool {
			for _, m := range c.messages {
				if strings.Contains(m.Message, "selct") && m.Type == protocol.MessageTypeWarning {
					return true
				}
			}
			return false
		})
	})
}

// A panic anywhere in a run is contained: the failure is shown once, the
// session goes on, and a rule failure still publishes the other findings.
func TestAnalysisPanics(t *testing.T) {
	root := project(t, "speedups")
	mode := "panic"
	c := start(t, setup{caps: pushCaps(), folders: []string{root}, tweak: func(s *Server) {
		s.run = func(ctx context.Context, snap *source.Snapshot, opts analysis.Options) *analysis.Result {
			switch mode {
			case "panic":
				panic("boom")
			case "rule":
				res := analysis.Run(ctx, snap, opts)
				res.Failures = append(res.Failures, "rule HPY999 (test) failed: kaboom\nstack")
				return res
			}
			return analysis.Run(ctx, snap, opts)
		}
	}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitFor("an error message", func() bool { return len(c.messages) == 1 })
	c.mu.Lock()
	if c.messages[0].Type != protocol.MessageTypeError || !strings.Contains(c.messages[0].Message, "boom") {
		t.Errorf("message %+v", c.messages[0])
	}
	mode = "rule"
	c.mu.Unlock()
	c.change(u, 2, protocol.Range{}, "\n")
	c.waitDiags(u, "findings despite the failing rule", hasCode("HPY102"))
	c.waitFor("the rule failure shown", func() bool { return len(c.messages) == 2 })
	c.change(u, 3, protocol.Range{}, "\n")
	c.waitDiags(u, "findings on the next run", func(ds []protocol.Diagnostic) bool { return findCode(ds, "HPY102").Range.Start.Line == 23 })
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.messages) != 2 || !strings.Contains(c.messages[1].Message, "HPY999") {
		t.Errorf("messages %+v (each failure once)", c.messages)
	}
}

// Related information carries the include chain of HPY202; tags mark the
// unused suppression.
func TestRelatedInformationAndTags(t *testing.T) {
	root := project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	ds := c.waitDiags(u, "HPY202", hasCode("HPY202"))
	d := findCode(ds, "HPY202")
	if len(d.RelatedInformation) == 0 || !strings.HasSuffix(string(d.RelatedInformation[0].Location.URI), "compat.h") {
		t.Errorf("HPY202 related information %+v", d.RelatedInformation)
	}
	c.change(u, 2, rangeOf(t, text, "static HPyModuleDef"), "// hpylint: ignore[HPY110]\nstatic HPyModuleDef")
	ds = c.waitDiags(u, "HPY001", hasCode("HPY001"))
	if tags := findCode(ds, "HPY001").Tags.Slice(); len(tags) != 1 || tags[0] != protocol.DiagnosticTagUnnecessary {
		t.Errorf("HPY001 tags %v", tags)
	}
}
