package version

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moduleRoot is the repository's root, where go.mod is.
var moduleRoot = filepath.Join("..", "..", "..")

// hpylint and hpyls built with go build in this checkout print the number
// and the checkout's revision, commit time and state, as git reports them.
// Where Go records no VCS data they print no revision: outside a git
// checkout (a source archive), and in a git worktree, whose .git is a file
// (Go stamps only a repository with a .git directory).
func TestBuiltCommandsPrintTheirRevision(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go is not on PATH")
	}
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", moduleRoot}, args...)...)
		cmd.Env = append(os.Environ(), "TZ=UTC") // for the commit time
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	goVersion, err := exec.Command(goTool, "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	details := []string{}
	buildvcs := "-buildvcs=false"
	if fi, err := os.Stat(filepath.Join(moduleRoot, ".git")); err != nil || !fi.IsDir() {
		t.Log("no .git directory: the commands are built without VCS data")
	} else if rev, err := git("rev-parse", "HEAD"); err != nil {
		t.Fatalf("a .git directory, but git rev-parse HEAD: %v", err)
	} else {
		buildvcs = "-buildvcs=true" // GOFLAGS may say false
		commitTime, err := git("-c", "log.showsignature=false", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%dT%H:%M:%SZ")
		if err != nil {
			t.Fatal(err)
		}
		details = append(details, "git "+rev[:12], commitTime)
	}
	bin := t.TempDir()
	build := exec.Command(goTool, "build", buildvcs, "-o", bin+string(filepath.Separator), "./cmd/hpylint", "./cmd/hpyls")
	build.Dir = moduleRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if len(details) > 0 {
		status, err := git("status", "--porcelain")
		if err != nil {
			t.Fatal(err)
		}
		if status != "" {
			details = append(details, "modified")
		}
	}
	details = append(details, strings.TrimSpace(string(goVersion)))
	for _, name := range []string{"hpylint", "hpyls"} {
		out, err := exec.Command(filepath.Join(bin, name), "--version").Output()
		if err != nil {
			t.Fatalf("%s --version: %v", name, err)
		}
		if got, want := string(out), name+" "+Number+" ("+strings.Join(details, ", ")+")\n"; got != want {
			t.Errorf("%s --version = %q, want %q", name, got, want)
		}
	}
}
