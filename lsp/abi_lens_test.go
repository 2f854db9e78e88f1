package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// An extension nothing pins is built by hpy.devel's interpreter-dependent
// default: the lens and the hover say so, not "universal".
func TestInterpreterDependentLensAndHover(t *testing.T) {
	root := project(t, "speedups")
	setupPy := filepath.Join(root, "setup.py")
	rewrite(t, setupPy, "    hpy_abi=\"universal\",\n", "")
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	u, text := c.open(filepath.Join(root, "src", "speedups.c"))
	var lenses []protocol.CodeLens
	c.call(protocol.MethodTextDocumentCodeLens, &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &lenses)
	if len(lenses) != 1 || !strings.Contains(lenses[0].Command.Title, "interpreter-dependent ABI") {
		t.Errorf("lenses %+v", lenses)
	}
	r := rangeOf(t, text, "HPy_MODINIT")
	got := c.hover(u, r.Start)
	if !strings.Contains(got, "ABI: universal on PyPy and GraalPy, cpython on CPython, by hpy.devel's default") {
		t.Errorf("hover:\n%s", got)
	}
}
