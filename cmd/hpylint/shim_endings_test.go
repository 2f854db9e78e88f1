package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What an editor does to the end of the header --fix wrote is not an edit:
// Neovim writes a created file with one more empty line, a formatter may
// strip the final newline. Linting again reports nothing, and --fix leaves
// the file as the user saved it.
func TestHeaderEndingsAreNotEdits(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	if _, stderr, code := hpylint(t, dir, "--fix"); code != 0 {
		t.Fatalf("--fix: exit %d: %s", code, stderr)
	}
	header := filepath.Join(dir, "src", "pointlib", "hpy_cpython_entrypoint.h")
	generated := read(t, dir, "src/pointlib/hpy_cpython_entrypoint.h")
	for name, content := range map[string]string{
		"blank line added":      generated + "\n",
		"final newline removed": strings.TrimSuffix(generated, "\n"),
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(header, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			if stdout, _, code := hpylint(t, dir); code != 0 || strings.Contains(stdout, "HPY106") {
				t.Errorf("exit %d, want 0 and no HPY106:\n%s", code, stdout)
			}
			if _, stderr, code := hpylint(t, dir, "--fix"); code != 0 || !strings.Contains(stderr, "nothing to fix") {
				t.Errorf("--fix: exit %d, want nothing to fix: %s", code, stderr)
			}
			if read(t, dir, "src/pointlib/hpy_cpython_entrypoint.h") != content {
				t.Error("--fix rewrote the header")
			}
		})
	}
	// A line of code added at the end still is an edit.
	if err := os.WriteFile(header, []byte(generated+"\nint mine;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, _, _ := hpylint(t, dir); !strings.Contains(stdout, "HPY106") || !strings.Contains(stdout, "was edited") {
		t.Errorf("a line appended to the header: want HPY106 (edited):\n%s", stdout)
	}
}
