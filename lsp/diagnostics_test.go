package lsp

import (
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// The workspace scan finds the HPY102 in a C file nobody opened; opening it
// with the same text publishes nothing new.
func TestPushUnopenedThenOpen(t *testing.T) {
	root := project(t, "speedups")
	st := setup{caps: pushCaps(), folders: []string{root}}
	c := start(t, st)
	cFile := uri.File(filepath.Join(root, "src", "speedups.c"))
	ds := c.waitDiags(cFile, "HPY102", hasCode("HPY102"))
	d := findCode(ds, "HPY102")
	if d.Severity != protocol.DiagnosticSeverityError || d.Range.Start.Line != 21 {
		t.Errorf("HPY102 = %+v", d)
	}
	if src, _ := d.Source.Get(); src != "hpylint" || d.CodeDescription.Href == "" {
		t.Errorf("source %q, codeDescription %q", src, d.CodeDescription.Href)
	}
	before := c.pubCount(cFile)
	c.open(filepath.Join(root, "src", "speedups.c"))
	var hover protocol.Hover
	c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: cFile}, Position: d.Range.Start}}, &hover)
	if got := c.pubCount(cFile); got != before {
		t.Errorf("unchanged diagnostics were published again (%d publications, want %d)", got, before)
	}
}
