package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/shim"
)

// TestNeovimShim applies the code actions that add hpylint's CPython
// entrypoint in headless Neovim (testdata/lsp/nvim/hpyls_shim_test.lua) on
// a copy of the sample project, whose ABI is pinned universal: the shim
// quick fix in vector.c, which creates the header, and fix-all in point.c.
// After :wall, the real hpylint, built here, lints what Neovim wrote: the
// shim is complete and named right, and the header as Neovim wrote it (with
// one more empty line at the end) is not taken for an edited copy.
func TestNeovimShim(t *testing.T) {
	root := copyProject(t, filepath.Join("..", "..", "testdata", "sample"))
	runNeovim(t, "hpyls_shim_test.lua", root)

	header, err := os.ReadFile(filepath.Join(root, "src", "pointlib", shim.HeaderName))
	if err != nil {
		t.Fatal(err)
	}
	if !shim.IsCurrent(header) {
		t.Errorf("the header Neovim wrote is not hpylint's (%d bytes, ends %q)", len(header), header[max(0, len(header)-40):])
	}
	t.Logf("the header on disk ends %q (generated: %d bytes, written: %d)", header[max(0, len(header)-10):], len(shim.Header()), len(header))

	bin := filepath.Join(t.TempDir(), "hpylint")
	if out, err := exec.Command("go", "build", "-o", bin, "../hpylint").CombinedOutput(); err != nil {
		t.Fatalf("go build hpylint: %v\n%s", err, out)
	}
	lint := exec.Command(bin, "--format", "json", "--exit-zero", ".")
	lint.Dir = root
	var stderr bytes.Buffer
	lint.Stderr = &stderr
	out, err := lint.Output()
	if err != nil {
		t.Fatalf("hpylint: %v\n%s", err, stderr.String())
	}
	var doc report.JSONDocument
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	touched := map[string]bool{"src/pointlib/point.c": true, "src/pointlib/vector.c": true, "src/pointlib/" + shim.HeaderName: true}
	for _, d := range doc.Diagnostics {
		if touched[d.Path] {
			t.Errorf("%s:%d: %s %s", d.Path, d.Line, d.Code, d.Message)
		}
	}
}
