package lsp

import (
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// An extension whose ABI depends on the interpreter: the summary (HPY209)
// is published on setup.py with every place as related information; a
// place shows in its own file, at information severity, only while the
// file is open.
func TestDetailsShowInOpenFilesOnly(t *testing.T) {
	root := project(t, "halfported")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	setupPy := uri.File(filepath.Join(root, "setup.py"))
	core, extra := filepath.Join(root, "src", "core.c"), filepath.Join(root, "src", "extra.c")

	ds := c.waitDiags(setupPy, "HPY209", hasCode("HPY209"))
	sum := findCode(ds, "HPY209")
	if sum.Severity != protocol.DiagnosticSeverityWarning || len(sum.RelatedInformation) != 2 {
		t.Fatalf("HPY209 = %+v", sum)
	}
	files := map[uri.URI]bool{}
	for _, r := range sum.RelatedInformation {
		files[r.Location.URI] = true
	}
	if !files[uri.File(core)] || !files[uri.File(extra)] {
		t.Errorf("related information names %v, want both sources", files)
	}
	c.mu.Lock()
	_, coreBefore := c.lastPub(uri.File(core))
	c.mu.Unlock()
	if coreBefore {
		t.Errorf("details published for core.c, which is not open")
	}

	coreURI, _ := c.open(core)
	ds = c.waitDiags(coreURI, "HPY201 in the open file", hasCode("HPY201"))
	if d := findCode(ds, "HPY201"); d.Severity != protocol.DiagnosticSeverityInformation || d.Range.Start.Line != 7 {
		t.Errorf("HPY201 in the open file = %+v", d)
	}
	c.mu.Lock()
	_, extraPublished := c.lastPub(uri.File(extra))
	c.mu.Unlock()
	if extraPublished {
		t.Errorf("details published for extra.c, which is not open")
	}

	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: coreURI}})
	c.waitDiags(coreURI, "no HPY201 once closed", lacksCode("HPY201"))
}
