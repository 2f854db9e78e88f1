//go:build unix

package source

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test when f does not return in time: a FIFO opened for
// reading blocks until a writer comes, forever in a test.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still reading after 5 s: the read blocked")
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

func TestReadRegularRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.h")
	mkfifo(t, fifo)
	link := filepath.Join(dir, "zero.c")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.c")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("cannot make a socket here: %v", err)
	}
	defer l.Close()
	for _, c := range []struct{ path, want string }{
		{fifo, "a FIFO"},
		{link, "a device"}, // read without limit before: out of memory
		{sock, "a socket"},
		{dir, "a directory"},
	} {
		within(t, func() {
			_, err := ReadRegular(c.path)
			var nr *NotRegularError
			if !errors.As(err, &nr) || nr.What != c.want {
				t.Errorf("ReadRegular(%s) = %v, want %s", filepath.Base(c.path), err, c.want)
			}
			if f := Read(c.path, "x.c"); c.want != "a directory" && (f == nil || !strings.HasPrefix(f.Problem, c.want)) {
				t.Errorf("Read(%s) = %+v, want a Problem naming %s", filepath.Base(c.path), f, c.want)
			}
		})
	}
}

// A file replaced by a FIFO between the look and the open is caught on the
// opened descriptor, and the open itself does not wait for a writer.
func TestReadRegularRechecksTheOpenedFile(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "mod.c")
	if err := os.WriteFile(reg, []byte("int x;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	defer func(o func(string, int, fs.FileMode) (*os.File, error)) { openFile = o }(openFile)
	openFile = func(_ string, flag int, perm fs.FileMode) (*os.File, error) { return os.OpenFile(fifo, flag, perm) }
	within(t, func() {
		_, err := ReadRegular(reg)
		var nr *NotRegularError
		if !errors.As(err, &nr) || nr.What != "a FIFO" {
			t.Errorf("got %v, want a FIFO refused", err)
		}
	})
}

func TestReadRegularCapsSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.c")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no 8 MiB written
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadRegular(p)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != MaxFileSize+1 {
		t.Errorf("got %v, want too large", err)
	}
	if err := os.Truncate(p, MaxFileSize); err != nil {
		t.Fatal(err)
	}
	if c, err := ReadRegular(p); err != nil || len(c) != MaxFileSize {
		t.Errorf("a file of exactly the cap: %d bytes, %v", len(c), err)
	}
}

func TestReadMissingAndUnreadable(t *testing.T) {
	dir := t.TempDir()
	if f := Read(filepath.Join(dir, "none.c"), "none.c"); f != nil {
		t.Errorf("a missing file read as %+v", f)
	}
	broken := filepath.Join(dir, "broken.c")
	os.Symlink("nowhere.c", broken)
	if f := Read(broken, "broken.c"); f != nil {
		t.Errorf("a broken link read as %+v", f)
	}
	reg := filepath.Join(dir, "mod.c")
	os.WriteFile(reg, []byte("int x;\n"), 0o644)
	// Root opens anything: make the open fail as it does for a user.
	defer func(o func(string, int, fs.FileMode) (*os.File, error)) { openFile = o }(openFile)
	openFile = func(string, int, fs.FileMode) (*os.File, error) {
		return nil, &fs.PathError{Op: "open", Err: syscall.EACCES}
	}
	if f := Read(reg, "mod.c"); f == nil || f.Problem != "cannot be read: permission denied" {
		t.Errorf("an unreadable file read as %+v", f)
	}
}

func TestReadRecordsTheRealPath(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	os.Mkdir(filepath.Join(dir, "src"), 0o755)
	real := filepath.Join(dir, "src", "mod.c")
	os.WriteFile(real, []byte("int x;\n"), 0o644)
	os.Symlink("src/mod.c", filepath.Join(dir, "alias.c"))
	a, b := Read(real, "src/mod.c"), Read(filepath.Join(dir, "alias.c"), "alias.c")
	if a.Real != real || b.Real != real {
		t.Errorf("real paths %q and %q, want both %q", a.Real, b.Real, real)
	}
	// New content for a path keeps the file it stands for.
	s := NewSnapshot(dir, []*File{b}).With(&File{Path: "alias.c", Content: []byte("int y;\n")})
	if got := s.File("alias.c").Real; got != real {
		t.Errorf("after With, real path %q, want %q", got, real)
	}
}
