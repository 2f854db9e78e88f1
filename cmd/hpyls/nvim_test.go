package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// TestNeovim drives hpyls from a real client: headless Neovim runs
// testdata/lsp/nvim/hpyls_client_test.lua against a copy of the speedups
// project. Skipped when nvim is not installed, unless HPYLINT_REQUIRE_TOOLS
// names it (CI installs it).
func TestNeovim(t *testing.T) {
	root := copyProject(t, filepath.Join("..", "..", "testdata", "lsp", "speedups"))
	runNeovim(t, "hpyls_client_test.lua", root)
}

// runNeovim runs a client script of testdata/lsp/nvim in headless Neovim
// with this test binary as hpyls, on a project copied to root, and fails
// the test unless the script's last step is PASS.
func runNeovim(t *testing.T, script, root string) {
	t.Helper()
	nvim := testenv.Tool(t, "nvim")
	script, _ = filepath.Abs(filepath.Join("..", "..", "testdata", "lsp", "nvim", script))
	result := filepath.Join(t.TempDir(), "result.txt")
	cmd := exec.Command(nvim, "--headless", "--clean", "-c", "luafile "+script)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "HPYLS_TEST_MAIN=1", "HPYLS_CMD="+os.Args[0], "HPYLS_ROOT="+root, "HPYLS_RESULT="+result,
		"XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	done := make(chan error, 1)
	var output strings.Builder
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		err = <-done
		t.Errorf("nvim did not finish")
	}
	steps, _ := os.ReadFile(result)
	t.Logf("steps:\n%s", steps)
	if log, _ := os.ReadFile(filepath.Join(root, "hpyls.log")); t.Failed() || err != nil {
		t.Logf("hpyls log:\n%s", log)
	}
	lines := strings.Split(strings.TrimSpace(string(steps)), "\n")
	if err != nil || lines[len(lines)-1] != "PASS" {
		t.Fatalf("Neovim client test failed (%v); nvim output:\n%s", err, output.String())
	}
}

func copyProject(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
