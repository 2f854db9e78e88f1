package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"
)

// An extension with more CPython references than an editor can list: its
// HPY209 carries maxRelated of them, then one entry saying how many more.
func TestRelatedPlacesAreBounded(t *testing.T) {
	root := project(t, "halfported")
	var b strings.Builder
	b.WriteString("#include \"hpy.h\"\n\nstatic void many(void)\n{\n")
	for i := range maxRelated + 10 {
		fmt.Fprintf(&b, "    PyErr_Clear(); /* %d */\n", i)
	}
	b.WriteString("}\n")
	if err := os.WriteFile(filepath.Join(root, "src", "extra.c"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	ds := c.waitDiags(uri.File(filepath.Join(root, "setup.py")), "HPY209", hasCode("HPY209"))
	rel := findCode(ds, "HPY209").RelatedInformation
	if len(rel) != maxRelated+1 {
		t.Fatalf("HPY209 has %d related places, want %d and a last one counting the rest", len(rel), maxRelated)
	}
	if last := rel[maxRelated].Message; !strings.Contains(last, "more places") {
		t.Errorf("the last related place says %q, want how many more there are", last)
	}
}
