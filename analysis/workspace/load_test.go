//go:build unix

package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func put(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func paths(t *testing.T, root string, args ...string) ([]string, []error) {
	t.Helper()
	snap, errs := Load(root, args, nil)
	return snap.Paths(), errs
}

// A project reached through a symbolic link is walked: the link named on
// the command line, or the working directory itself.
func TestSymlinkedRootIsWalked(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "proj/setup.py", "")
	put(t, dir, "proj/src/mod.c", "")
	link(t, "proj", filepath.Join(dir, "link"))
	got, errs := paths(t, dir, "link")
	if len(errs) > 0 || strings.Join(got, " ") != "link/setup.py link/src/mod.c" {
		t.Errorf("hpylint link: %v %v", got, errs)
	}
	got, errs = paths(t, filepath.Join(dir, "link"), ".")
	if len(errs) > 0 || strings.Join(got, " ") != "setup.py src/mod.c" {
		t.Errorf("cd link && hpylint .: %v %v", got, errs)
	}
}

// Symbolic links to files met by the walk are read; links to directories
// are not followed, so a loop ends.
func TestWalkFollowsLinksToFilesOnly(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "packaging/setup.py", "")
	link(t, "packaging/setup.py", filepath.Join(dir, "setup.py"))
	put(t, dir, "src/mod.c", "")
	link(t, "..", filepath.Join(dir, "src", "up"))    // a loop
	link(t, "loop2", filepath.Join(dir, "loop1"))     // a loop of links
	link(t, "loop1", filepath.Join(dir, "loop2"))     //
	link(t, "gone.c", filepath.Join(dir, "broken.c")) // broken
	got, errs := paths(t, dir, ".")
	// packaging/setup.py is the same config: TestBuildConfigUnderTwoNamesIsReadOnce.
	if len(errs) > 0 || strings.Join(got, " ") != "setup.py src/mod.c" {
		t.Errorf("got %v %v", got, errs)
	}
}

// A FIFO or device met by the walk is never opened: it is a file with a
// Problem (HPY003), and the walk goes on.
func TestWalkDoesNotOpenSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "mod.c", "")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.h"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	link(t, "/dev/zero", filepath.Join(dir, "zero.c"))
	snap, errs := Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for name, want := range map[string]string{"fifo.h": "a FIFO", "zero.c": "a device"} {
		if f := snap.File(name); f == nil || !strings.HasPrefix(f.Problem, want) {
			t.Errorf("%s: %+v, want a Problem naming %s", name, f, want)
		}
	}
}

// Paths the user named that cannot be read are errors; the rest is read.
func TestNamedPathsThatCannotBeRead(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "ok/mod.c", "")
	link(t, "gone", filepath.Join(dir, "broken"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.c"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	link(t, "/dev/null", filepath.Join(dir, "null.c"))
	snap, errs := Load(dir, []string{"missing", "broken", "fifo.c", "null.c", "ok"}, nil)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		"missing: no such file or directory",
		"broken: a broken symbolic link: nothing was read",
		"fifo.c: a FIFO, not a regular file or directory: it was not read",
		"null.c: a device, not a regular file or directory: it was not read",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if snap.File("ok/mod.c") == nil {
		t.Error("the readable path was not read")
	}
	if f := snap.File("fifo.c"); f == nil || f.Problem == "" {
		t.Errorf("fifo.c: %+v, want a file with a Problem (HPY003)", f)
	}
}

// A directory that cannot be listed: the named root is an error, one met
// by the walk is remembered for HPY003. Root lists every directory, so the
// failure is injected; TestUnsearchableDirectory checks the real thing.
func TestUnlistableDirectories(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "proj/src/mod.c", "")
	put(t, dir, "proj/locked/hidden.c", "")
	put(t, dir, "closed/x.c", "")
	defer func(r func(string) ([]os.DirEntry, error)) { readDir = r }(readDir)
	readDir = func(p string) ([]os.DirEntry, error) {
		if b := filepath.Base(p); b == "locked" || b == "closed" {
			return nil, &fs.PathError{Op: "open", Path: p, Err: syscall.EACCES}
		}
		return os.ReadDir(p)
	}
	snap, errs := Load(dir, []string{"proj", "closed"}, nil)
	if len(errs) != 1 || errs[0].Error() != "closed: directory cannot be read: permission denied; nothing in it was analysed" {
		t.Errorf("errors %v", errs)
	}
	if len(snap.Unlisted) != 1 || snap.Unlisted[0].Path != "proj/locked" || !strings.Contains(snap.Unlisted[0].Problem, "permission denied") {
		t.Errorf("unlisted %+v", snap.Unlisted)
	}
	if snap.File("proj/src/mod.c") == nil {
		t.Error("the rest was not read")
	}
}

func TestUnsearchableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads directories without permission; TestUnlistableDirectories injects the error instead")
	}
	dir := t.TempDir()
	put(t, dir, "proj/locked/x.c", "")
	locked := filepath.Join(dir, "proj", "locked")
	os.Chmod(locked, 0)
	defer os.Chmod(locked, 0o755)
	snap, errs := Load(dir, []string{"proj", "proj/locked"}, nil)
	if len(errs) != 1 || len(snap.Unlisted) != 1 {
		t.Errorf("errors %v, unlisted %+v", errs, snap.Unlisted)
	}
}

// A named file over the size cap is not an error: it was looked at, and
// its HPY003 says why it was not analysed.
func TestNamedOversizedFileIsNotAnError(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "big.c", "")
	if err := os.Truncate(filepath.Join(dir, "big.c"), 9<<20); err != nil {
		t.Fatal(err)
	}
	snap, errs := Load(dir, []string{"big.c"}, nil)
	if len(errs) > 0 {
		t.Errorf("errors %v", errs)
	}
	if f := snap.File("big.c"); f == nil || !strings.Contains(f.Problem, "over hpylint's 8 MiB limit") {
		t.Errorf("big.c: %+v", f)
	}
}

// A build config walked under two names is read once, under the name
// nearest the root: its sources are looked for beside that one only.
func TestBuildConfigUnderTwoNamesIsReadOnce(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "packaging/setup.py", "")
	link(t, "packaging/setup.py", filepath.Join(dir, "setup.py"))
	put(t, dir, "packaging/mod.c", "")
	link(t, "mod.c", filepath.Join(dir, "packaging", "alias.c")) // sources stay under every name
	got, errs := paths(t, dir, ".")
	if len(errs) > 0 || strings.Join(got, " ") != "packaging/alias.c packaging/mod.c setup.py" {
		t.Errorf("got %v %v", got, errs)
	}
}
