package lsp

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A publication made from remembered encodings is the one made by
// converting every finding again: setup.py holds two extensions' HPY209,
// and Enter typed in one extension's source moves the related places of
// one of them only, whose encoding is made again while the other's is
// remembered; the open source's own findings move, and are written as
// their new range and the remembered rest.
func TestRememberedFindingsEncodeAsConverted(t *testing.T) {
	root := project(t, "halfported")
	setupPy := filepath.Join(root, "setup.py")
	rewrite(t, setupPy, `["src/core.c", "src/extra.c"])]`, `["src/core.c", "src/extra.c"]), Extension("halfported._other", ["src/other.c"])]`)
	other := "#include \"hpy.h\"\n\nstatic void touch(void)\n{\n    PyErr_Clear();\n}\n\nstatic HPyModuleDef moduledef = { .doc = \"other\" };\nHPy_MODINIT(_other, moduledef)\n"
	if err := writeFile(filepath.Join(root, "src", "other.c"), other); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	setupURI := uri.File(setupPy)
	c.waitDiags(setupURI, "two HPY209", func(ds []protocol.Diagnostic) bool { return countCode(ds, "HPY209") == 2 })
	u, _ := c.open(filepath.Join(root, "src", "extra.c"))
	reused, restReused := 0, 0
	for version := int32(2); version <= 6; version++ {
		c.change(u, version, protocol.Range{}, "\n")
		c.waitFor("publication of the edit", func() bool {
			p, ok := c.lastPub(u)
			v, _ := p.Version.Get()
			return ok && v == version
		})
		o, err := c.srv.outcomeFor(context.Background(), filepath.Join(root, "src", "extra.c"))
		if err != nil {
			t.Fatal(err)
		}
		for abs := range o.diags {
			k := o.keyFindings(abs, keyedFindings{})
			keys, rests := k.keys, k.rests
			c.srv.findingJSON.mu.Lock()
			for i, k := range keys {
				if _, ok := c.srv.findingJSON.byFile[abs][k]; ok {
					reused++
				} else if _, ok := c.srv.findingJSON.rest[rests[i]]; ok && rests[i] != (findingKey{}) {
					restReused++
				}
			}
			c.srv.findingJSON.mu.Unlock()
			got, n := c.srv.encodedFindings(o, abs, keys, rests, nil)
			ds, want, _ := c.srv.encodedDiagnostics(o, abs)
			if !bytes.Equal(got, want) || n != len(ds) {
				t.Fatalf("edit %d, %s:\n got %s\nwant %s", version, abs, got, want)
			}
		}
	}
	if reused == 0 || restReused == 0 {
		t.Fatalf("%d findings' encodings and %d remainders after a moved range were remembered: the test says nothing of a path not taken", reused, restReused)
	}
}

func countCode(ds []protocol.Diagnostic, code string) int {
	n := 0
	for _, d := range ds {
		if d.Code == protocol.String(code) {
			n++
		}
	}
	return n
}
