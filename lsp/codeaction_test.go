package lsp

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

func (c *client) codeActions(u uri.URI, r protocol.Range, only ...protocol.CodeActionKind) []*protocol.CodeAction {
	c.t.Helper()
	var res []protocol.CommandOrCodeAction
	// Like Neovim 0.7, echo only the code of the diagnostics.
	c.call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: r,
		Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{{Code: protocol.String("HPY102"), Message: protocol.String("")}}, Only: only},
	}, &res)
	var out []*protocol.CodeAction
	for _, a := range res {
		if ca, ok := a.(*protocol.CodeAction); ok {
			out = append(out, ca)
		}
	}
	return out
}

func actionTitled(actions []*protocol.CodeAction, prefix string) *protocol.CodeAction {
	for _, a := range actions {
		if strings.HasPrefix(a.Title, prefix) {
			return a
		}
	}
	return nil
}

// applyEdits applies one document's edits of a workspace edit to text, as
// a client does (edits do not overlap; apply from the end).
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	x := textpos.New([]byte(text))
	type span struct {
		s, e int
		text string
	}
	var spans []span
	for _, e := range edits {
		sp := toSpan(x, e.Range, textpos.UTF16)
		spans = append(spans, span{sp.Start, sp.End, e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s > spans[j].s })
	for _, s := range spans {
		text = text[:s.s] + s.text + text[s.e:]
	}
	return text
}

// documentEdits collects the text edits a workspace edit makes to u.
func documentEdits(we *protocol.WorkspaceEdit, u uri.URI) (edits []protocol.TextEdit, version *int32) {
	for _, ch := range we.DocumentChanges {
		if tde, ok := ch.(*protocol.TextDocumentEdit); ok && tde.TextDocument.URI == u {
			for _, e := range tde.Edits {
				if te, ok := e.(*protocol.TextEdit); ok {
					edits = append(edits, *te)
				}
			}
			version = tde.TextDocument.Version
		}
	}
	return edits, version
}

// The rename fix for HPY102, applied as the client would, makes the finding
// go away; the action is found from the cursor position alone.
func TestQuickFixRename(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	cursor := protocol.Position{Line: 21, Character: 2}
	actions := c.codeActions(u, protocol.Range{Start: cursor, End: cursor})
	fix := actionTitled(actions, "Rename to _speedups")
	if fix == nil {
		t.Fatalf("no rename action among %d", len(actions))
	}
	if *fix.Kind != protocol.CodeActionKindQuickFix || !*fix.IsPreferred || len(fix.Diagnostics) != 1 {
		t.Errorf("action %+v", fix)
	}
	edits, version := documentEdits(fix.Edit, u)
	if version == nil || *version != 1 {
		t.Errorf("edit pinned to version %v, want 1", version)
	}
	fixed := applyEdits(t, text, edits)
	if !strings.Contains(fixed, "HPy_MODINIT(_speedups, moduledef)") {
		t.Fatalf("fixed text:\n%s", fixed)
	}
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: func() (out []protocol.TextDocumentContentChangeEvent) {
			for _, e := range edits {
				out = append(out, &protocol.TextDocumentContentChangePartial{Range: e.Range, Text: e.NewText})
			}
			return out
		}(),
	})
	c.waitDiags(u, "HPY102 gone", lacksCode("HPY102"))
	if got := c.codeActions(u, protocol.Range{Start: cursor, End: cursor}); actionTitled(got, "Rename") != nil {
		t.Errorf("rename still offered after the fix")
	}
}

// Suppressing on the line and in the file writes directives the engine
// honours.
func TestSuppressActions(t *testing.T) {
	for _, which := range []string{"on this line", "in this file"} {
		t.Run(which, func(t *testing.T) {
			root := project(t, "speedups")
			c := start(t, setup{caps: pushCaps(), folders: []string{root}})
			u, text := c.open(filepath.Join(root, "src", "speedups.c"))
			c.waitDiags(u, "HPY102", hasCode("HPY102"))
			cursor := protocol.Position{Line: 21, Character: 0}
			a := actionTitled(c.codeActions(u, protocol.Range{Start: cursor, End: cursor}), "Suppress HPY102 "+which)
			if a == nil {
				t.Fatal("no suppress action")
			}
			edits, _ := documentEdits(a.Edit, u)
			fixed := applyEdits(t, text, edits)
			want := "HPy_MODINIT(speedups, moduledef)  // hpylint: ignore[HPY102]"
			if which == "in this file" {
				want = "// hpylint: ignore-file[HPY102]\n#include"
			}
			if !strings.Contains(fixed, want) {
				t.Fatalf("missing %q in:\n%s", want, fixed)
			}
			c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: fixed}},
			})
			c.waitDiags(u, "HPY102 suppressed", func(ds []protocol.Diagnostic) bool { return lacksCode("HPY102")(ds) && lacksCode("HPY001")(ds) })
		})
	}
}

// The shim fix of HPY105 creates the header it includes: documentChanges
// hold a CreateFile for it before its text.
func TestQuickFixCreatesHeader(t *testing.T) {
	root := project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	ds := c.waitDiags(u, "HPY105", hasCode("HPY105"))
	d := findCode(ds, "HPY105")
	actions := c.codeActions(u, d.Range)
	var shim *protocol.CodeAction
	for _, a := range actions {
		for _, ch := range a.Edit.DocumentChanges {
			if _, ok := ch.(*protocol.CreateFile); ok {
				shim = a
			}
		}
	}
	if shim == nil {
		t.Fatalf("no action creates a file among %d", len(actions))
	}
	header := uri.File(filepath.Join(root, "hpy_cpython_entrypoint.h"))
	cf, ok := shim.Edit.DocumentChanges[0].(*protocol.CreateFile)
	if !ok || cf.URI != header || cf.Kind != "create" {
		t.Errorf("first change %+v, want creating %s", shim.Edit.DocumentChanges[0], header)
	}
	hdrEdits, hdrVersion := documentEdits(shim.Edit, header)
	if len(hdrEdits) != 1 || hdrVersion != nil || !strings.Contains(hdrEdits[0].NewText, "HPY_CPYTHON_ENTRYPOINT") {
		t.Errorf("header edit %+v (version %v)", hdrEdits, hdrVersion)
	}
	srcEdits, _ := documentEdits(shim.Edit, u)
	if fixed := applyEdits(t, text, srcEdits); !strings.Contains(fixed, "HPY_CPYTHON_ENTRYPOINT(_demo)") {
		t.Errorf("source after the fix:\n%s", fixed)
	}
}

// Without documentChanges the edit falls back to plain changes.
func TestPlainChangesFallback(t *testing.T) {
	root := project(t, "speedups")
	caps := pushCaps()
	caps.Workspace.WorkspaceEdit = nil
	c := start(t, setup{caps: caps, folders: []string{root}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	a := actionTitled(c.codeActions(u, protocol.Range{Start: protocol.Position{Line: 21}, End: protocol.Position{Line: 21}}), "Rename")
	if a == nil || len(a.Edit.DocumentChanges) != 0 || len(a.Edit.Changes[u]) != 1 {
		t.Fatalf("action %+v", a)
	}
}

// source.fixAll.hpylint applies the fixes of the file's findings, and
// "only" filters the kinds (fixall_test.go compares it with hpylint --fix).
func TestFixAll(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "src", "speedups.c"))
	c.waitDiags(u, "HPY102", hasCode("HPY102"))
	actions := c.codeActions(u, protocol.Range{}, protocol.CodeActionKindSourceFixAll)
	if len(actions) != 1 || *actions[0].Kind != codeActionKindFixAll {
		t.Fatalf("fixAll actions %+v", actions)
	}
	edits, _ := documentEdits(actions[0].Edit, u)
	if fixed := applyEdits(t, text, edits); !strings.Contains(fixed, "HPy_MODINIT(_speedups,") {
		t.Errorf("after fix all:\n%s", fixed)
	}
	if got := c.codeActions(u, protocol.Range{Start: protocol.Position{Line: 21}, End: protocol.Position{Line: 21}}, protocol.CodeActionKindQuickFix); actionTitled(got, "Fix all") != nil {
		t.Errorf("quickfix-only request got the source action")
	}
}

func TestSuppressEditsPerFormat(t *testing.T) {
	d := diag.Diagnostic{Code: "HPY401", Location: source.Location{Span: source.Span{Start: 0}}}
	for _, tc := range []struct {
		path, content, want string
	}{
		{"setup.py", "setup(x)\n", "setup(x)  # hpylint: ignore[HPY401]\n"},
		{"setup.py", "x = 1 \\\n  + 2\n", "# hpylint: ignore[HPY401]\nx = 1 \\\n  + 2\n"},
		{"setup.cfg", "  sources = a.c\n", "  # hpylint: ignore[HPY401]\n  sources = a.c\n"},
		{"a.c", "#define X(a) \\\n  a\n", "#define X(a) /* hpylint: ignore[HPY401] */ \\\n  a\n"},
		{"a.c", "int x; // hpylint: ignore[HPY201]\r\n", "int x; // hpylint: ignore[HPY201, HPY401]\r\n"},
	} {
		e := suppressLineEdit(tc.path, []byte(tc.content), nil, d)
		got := tc.content[:e.Span.Start] + e.NewText + tc.content[e.Span.End:]
		if got != tc.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.path, tc.content, got, tc.want)
		}
	}
	for _, tc := range []struct {
		path, content, want string
	}{
		{"setup.py", "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport x\n", "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# hpylint: ignore-file[HPY401]\nimport x\n"},
		{"a.c", "/* hpylint: ignore-file[HPY201] */\nint x;\n", "/* hpylint: ignore-file[HPY201, HPY401] */\nint x;\n"},
	} {
		e := suppressFileEdit(tc.path, []byte(tc.content), "HPY401")
		if got := tc.content[:e.Span.Start] + e.NewText + tc.content[e.Span.End:]; got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.path, got, tc.want)
		}
	}
}
