//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// --fix run as root keeps each file's owner and group, and its mode (D8).
func TestFixKeepsOwnerAndMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user; run as root to test that owners are kept")
	}
	dir := copyTree(t, testdata("sample"))
	point := filepath.Join(dir, "src", "pointlib", "point.c")
	if err := os.Chown(point, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(point, 0o664); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := hpylint(t, dir, "--fix"); code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("--fix: exit %d\n%s", code, stderr)
	}
	info, err := os.Stat(point)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678 kept", st.Uid, st.Gid)
	}
	if info.Mode().Perm() != 0o664 {
		t.Errorf("mode %v, want 0664 kept", info.Mode().Perm())
	}
	if got := read(t, dir, "src/pointlib/point.c"); !strings.Contains(got, "HPy_MODINIT(_point") {
		t.Errorf("point.c not fixed:\n%s", got)
	}
}
