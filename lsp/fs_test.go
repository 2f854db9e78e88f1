//go:build unix

package lsp

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"go.lsp.dev/uri"
)

// D4: a workspace folder that is a symbolic link is walked.
func TestSymlinkedWorkspaceFolder(t *testing.T) {
	root := project(t, "speedups")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{link}})
	c.waitDiags(uri.File(filepath.Join(link, "src", "speedups.c")), "HPY102", hasCode("HPY102"))
}

// D2: a FIFO in the workspace (here the project config) is never opened,
// so analysis goes on and diagnostics arrive.
func TestFIFOInWorkspaceDoesNotStall(t *testing.T) {
	root := project(t, "speedups")
	os.Remove(filepath.Join(root, "pyproject.toml"))
	if err := syscall.Mkfifo(filepath.Join(root, "pyproject.toml"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "src", "fifo.h"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{caps: pushCaps(), folders: []string{root}})
	c.waitDiags(uri.File(filepath.Join(root, "src", "speedups.c")), "HPY102", hasCode("HPY102"))
	c.waitDiags(uri.File(filepath.Join(root, "src", "fifo.h")), "HPY003", hasCode("HPY003"))
}
