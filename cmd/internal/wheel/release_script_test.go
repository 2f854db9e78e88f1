package wheel

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseSaysWhatIsMissing runs .ci/release in a tree that lacks the
// version constant or the LICENSE: it must stop before building, saying
// what to add, and take a version from the command line instead of the
// constant only when told.
func TestReleaseSaysWhatIsMissing(t *testing.T) {
	script, err := os.ReadFile(filepath.Join(repoRoot(t), ".ci", "release"))
	if err != nil {
		t.Fatal(err)
	}
	tree := t.TempDir()
	if err := os.MkdirAll(filepath.Join(tree, ".ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tree, ".ci", "release"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	release := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(filepath.Join(tree, ".ci", "release"), args...).CombinedOutput()
		if err == nil {
			t.Fatalf(".ci/release %v succeeded in a tree without sources:\n%s", args, out)
		}
		return string(out)
	}
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(tree, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(out string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("output lacks %q:\n%s", w, out)
			}
		}
	}

	expect(release(), "version.go is absent: give the VERSION on the command line")
	expect(release("0.1.0"), "version.go is absent: using 0.1.0 from the command line", "no LICENSE at the repository root")
	write("cmd/internal/version/version.go", "package version\n\nconst Number = \"0.2.0\"\n")
	expect(release(), "no LICENSE at the repository root")
	expect(release("0.3.0"), "building wheels 0.3.0, but the binaries' --version says 0.2.0")
	write("cmd/internal/version/version.go", "package version\n\nvar Number = version()\n")
	expect(release(), "has no line 'const Number")
}
