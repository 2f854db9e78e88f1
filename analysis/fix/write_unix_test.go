//go:build unix

package fix

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func TestWriteKeepsOwnerAndGroup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix owners on Windows")
	}
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user; run as root to test that owners are kept")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.c")
	os.WriteFile(p, []byte("old\n"), 0o644)
	if err := os.Chown(p, 4321, 8765); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, os.ModeSetgid|0o755) // set-group-ID survives the chown
	out := Write(dir, []Change{{Path: "a.c", Old: []byte("old\n"), New: []byte("new\n")}})
	if len(out.Errors) > 0 || len(out.Warnings) > 0 {
		t.Fatal(out.Errors, out.Warnings)
	}
	info, _ := os.Stat(p)
	o, _ := ownerOf(info)
	if o == nil || *o != (owner{uid: 4321, gid: 8765}) {
		t.Errorf("owner %+v, want 4321:8765", o)
	}
	if info.Mode()&(os.ModePerm|os.ModeSetgid) != 0o755|os.ModeSetgid {
		t.Errorf("mode %v, want setgid 0755", info.Mode())
	}
}

// A file replaced by a FIFO while the run stages is refused, not opened
// (opening a FIFO blocks until a writer comes).
func TestWriteRefusesAFileTurnedFIFO(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.c")
	os.WriteFile(p, []byte("old\n"), 0o644)
	whileStaged(t, "a.c", func(target string) {
		os.Remove(target)
		if err := syscall.Mkfifo(target, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	out := Write(dir, []Change{{Path: "a.c", Old: []byte("old\n"), New: []byte("new\n")}})
	if len(out.Errors) != 1 || !strings.Contains(out.Errors[0].Error(), "a.c: not written: it is a FIFO") {
		t.Fatalf("errors %v", out.Errors)
	}
}
