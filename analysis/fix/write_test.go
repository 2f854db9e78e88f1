package fix

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestWriteKeepsModeAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "gen.c")
	if err := os.WriteFile(script, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(script, 0o751); err != nil { // umask-proof: set it explicitly
		t.Fatal(err)
	}
	errs := Write(dir, []Change{{Path: "gen.c", Old: []byte("old\n"), New: []byte("new\n")}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	info, err := os.Stat(script)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o751 {
		t.Errorf("mode %v, want 0751 kept", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(script); string(got) != "new\n" {
		t.Errorf("content %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only gen.c (no temporary file left)", names)
	}
}

// The rename swaps the directory entry: a reader holding the old file sees
// the old content in full, never a half-written file.
func TestWriteReplacesRatherThanTruncates(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("open files cannot be renamed over on Windows")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.c")
	os.WriteFile(p, []byte("old content\n"), 0o644)
	held, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	before, _ := os.Stat(p)
	if errs := Write(dir, []Change{{Path: "a.c", Old: []byte("old content\n"), New: []byte("new\n")}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	buf := make([]byte, 64)
	n, _ := held.Read(buf)
	if string(buf[:n]) != "old content\n" {
		t.Errorf("the file open before the write now reads %q: it was rewritten in place", buf[:n])
	}
	after, _ := os.Stat(p)
	if os.SameFile(before, after) {
		t.Error("same inode after the write: not a rename")
	}
}

func TestWriteCreatesFilesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	errs := Write(dir, []Change{{Path: "src/gen/shim.h", New: []byte("/* shim */\n"), Created: true}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	info, err := os.Stat(filepath.Join(dir, "src", "gen", "shim.h"))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != NewFileMode {
		t.Errorf("new file mode %v, want %v", info.Mode().Perm(), NewFileMode)
	}
}

func TestWriteRefusesFilesChangedSinceAnalysis(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.c")
	os.WriteFile(p, []byte("edited by the user meanwhile\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "new.h"), []byte("appeared\n"), 0o644)
	mtime := time.Now().Add(-time.Hour)
	os.Chtimes(p, mtime, mtime)
	errs := Write(dir, []Change{
		{Path: "a.c", Old: []byte("what hpylint read\n"), New: []byte("fixed\n")},
		{Path: "new.h", New: []byte("generated\n"), Created: true},
		{Path: "ok.h", New: []byte("generated\n"), Created: true},
	})
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "a.c: not written") || !strings.Contains(errs[1].Error(), "new.h: not created") {
		t.Fatalf("errors %v, want a.c and new.h refused", errs)
	}
	if got, _ := os.ReadFile(p); string(got) != "edited by the user meanwhile\n" {
		t.Errorf("a.c overwritten: %q", got)
	}
	if info, _ := os.Stat(p); !info.ModTime().Equal(mtime) {
		t.Error("a.c touched although it was not written")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ok.h")); string(got) != "generated\n" {
		t.Errorf("the other change was not written: %q", got)
	}
}

func TestWriteFollowsSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	target := filepath.Join(dir, "real", "a.c")
	os.WriteFile(target, []byte("old\n"), 0o644)
	if err := os.Symlink(filepath.Join("real", "a.c"), filepath.Join(dir, "link.c")); err != nil {
		t.Fatal(err)
	}
	if errs := Write(dir, []Change{{Path: "link.c", Old: []byte("old\n"), New: []byte("new\n")}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "link.c")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a regular file")
	}
	if got, _ := os.ReadFile(target); string(got) != "new\n" {
		t.Errorf("target = %q", got)
	}
}
