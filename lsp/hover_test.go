package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func (c *client) hover(u uri.URI, pos protocol.Position) string {
	c.t.Helper()
	var h *protocol.Hover
	c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos}}, &h)
	if h == nil {
		return ""
	}
	if m, ok := h.Contents.(*protocol.MarkupContent); ok {
		return m.Value
	}
	c.t.Fatalf("hover contents %T", h.Contents)
	return ""
}

func TestHoverModinit(t *testing.T) {
	root := project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	got := c.hover(u, rangeOf(t, text, "HPy_MODINIT").Start)
	for _, want := range []string{"HPy_MODINIT(_demo)", "Extension `demo._demo`, declared at setup.py:6", "ABI: universal", "CPython entrypoint: none"} {
		if !strings.Contains(got, want) {
			t.Errorf("hover lacks %q:\n%s", want, got)
		}
	}
	// With the shim in place the hover says so.
	c.change(u, 2, protocol.Range{Start: protocol.Position{Line: 10}, End: protocol.Position{Line: 10}}, "#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(_demo)\n")
	if got := c.hover(u, rangeOf(t, text, "HPy_MODINIT").Start); !strings.Contains(got, "hpylint's shim (`HPY_CPYTHON_ENTRYPOINT` at demo.c:12)") {
		t.Errorf("hover after adding the shim:\n%s", got)
	}
}

func TestHoverCPythonName(t *testing.T) {
	root := project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	r := rangeOf(t, text, "PyLong_FromLong")
	// The line starts with characters outside the BMP: columns are UTF-16.
	r.Start.Character -= 3
	got := c.hover(u, r.Start)
	if !strings.Contains(got, "**PyLong_FromLong** is CPython C API") || !strings.Contains(got, "`HPyLong_FromLong`") {
		t.Errorf("hover:\n%s", got)
	}
}

// A name spelled like CPython's that CPython's headers do not declare (a
// library's, or one the project generates) gets no CPython hover.
func TestHoverUndeclaredPyName(t *testing.T) {
	root := project(t, "demo")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "demo.c"))
	edited := strings.Replace(text, "PyLong_AsLong(", "PyGadget_Count(", 1)
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: edited}},
	})
	r := rangeOf(t, edited, "PyGadget_Count")
	r.Start.Character -= 3 // UTF-16 columns, as in TestHoverCPythonName
	if got := c.hover(u, r.Start); strings.Contains(got, "CPython C API") {
		t.Errorf("hover on PyGadget_Count:\n%s", got)
	}
	r = rangeOf(t, edited, "PyLong_FromLong")
	r.Start.Character -= 3
	if got := c.hover(u, r.Start); !strings.Contains(got, "**PyLong_FromLong** is CPython C API") {
		t.Errorf("hover on PyLong_FromLong after the edit:\n%s", got)
	}
}

func TestHoverRuleInSuppression(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	path := filepath.Join(root, "setup.py")
	u, text := c.open(path)
	edited := strings.Replace(text, "setup(\n", "setup(  # hpylint: ignore[HPY401] reason\n", 1)
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: edited}},
	})
	r := rangeOf(t, edited, "HPY401")
	r.Start.Character += 2
	got := c.hover(u, r.Start)
	if !strings.Contains(got, "**HPY401** `hpy-missing-from-build-requires`") || !strings.Contains(got, "How to fix it") {
		t.Errorf("hover:\n%s", got)
	}
	// Plain text for clients without markdown.
	if p := plain(got); strings.Contains(p, "**") || strings.Contains(p, "```") {
		t.Errorf("plain text keeps markdown:\n%s", p)
	}
}

func TestDocumentSymbolsAndCodeLens(t *testing.T) {
	root := project(t, "speedups")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, _ := c.open(filepath.Join(root, "src", "speedups.c"))
	var syms protocol.DocumentSymbolSlice
	var res protocol.DocumentSymbolResult
	c.call(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &res)
	syms, ok := res.(protocol.DocumentSymbolSlice)
	if !ok {
		t.Fatalf("result %T", res)
	}
	var got []string
	for _, s := range syms {
		d := ""
		if s.Detail != nil {
			d = *s.Detail
		}
		got = append(got, s.Name+"|"+d)
	}
	want := []string{
		"add|HPyDef_METH add",
		"speedups_exec|exec slot (HPy_mod_exec)",
		"module_defines|HPyDef list",
		"moduledef|HPyModuleDef",
		"HPy_MODINIT(speedups)|extension pkg._speedups · universal ABI · no CPython entrypoint",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("symbols:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var lenses []protocol.CodeLens
	c.call(protocol.MethodTextDocumentCodeLens, &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &lenses)
	if len(lenses) != 1 || lenses[0].Range.Start.Line != 21 || !strings.Contains(lenses[0].Command.Title, "pkg._speedups") {
		t.Errorf("lenses %+v", lenses)
	}
}
