package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MaxFileSize is the largest file hpylint reads. The largest real C
// sources (sqlite3.c, 9 MB) are amalgamations no HPy rule cares about;
// beyond this, parse time and memory grow for nothing.
const MaxFileSize = 8 << 20

// NotRegularError is a path that names something other than a regular file
// (a FIFO, a device, a socket, a directory). hpylint never opens those: a
// FIFO blocks the open until a writer comes, a device never ends.
type NotRegularError struct {
	What string // "a FIFO", "a device", ...
}

func (e *NotRegularError) Error() string {
	return e.What + ", not a regular file; it was not read"
}

// TooLargeError is a file over MaxFileSize. Size is -1 when only the read
// found out (the file grew after it was looked at).
type TooLargeError struct {
	Size int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file is over hpylint's %d MiB limit; it was not analysed", MaxFileSize>>20)
	}
	return fmt.Sprintf("file is %d bytes, over hpylint's %d MiB limit; it was not analysed", e.Size, MaxFileSize>>20)
}

// Kind names what a file mode stands for, as messages say it.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// openFile is os.OpenFile; tests replace it to make an open fail the way
// it does for a user without permission (tests run as root in CI).
var openFile = os.OpenFile

// ReadRegular reads the regular file at path (symbolic links followed),
// at most MaxFileSize bytes. Anything else is refused before it is opened
// (*NotRegularError), and again on the opened descriptor, so a file swapped
// for a FIFO in between cannot block: the open does not wait for a writer.
// The cap holds while reading, whatever the size the file system reports.
// Errors are those of os (fs.ErrNotExist for a missing file or a broken
// link), *NotRegularError or *TooLargeError, without the path.
func ReadRegular(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, bare(err)
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	f, err := openFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, bare(err)
	}
	defer f.Close()
	info, err = f.Stat()
	if err != nil {
		return nil, bare(err)
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	content, err := readSized(io.LimitReader(f, MaxFileSize+1), info.Size())
	if err != nil {
		return nil, bare(err)
	}
	if len(content) > MaxFileSize {
		return nil, &TooLargeError{Size: -1}
	}
	return content, nil
}

// readSized is io.ReadAll into a buffer of the size the file system
// reports, plus the byte that meets the end: io.ReadAll grows from 512
// bytes, allocating twice what a source holds. It grows as io.ReadAll does
// when the file is longer than it said.
func readSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0), MaxFileSize)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // room to read on
		}
	}
}

func regular(info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return &NotRegularError{What: Kind(info.Mode())}
	}
	if info.Size() > MaxFileSize {
		return &TooLargeError{Size: info.Size()}
	}
	return nil
}

// Read reads a file from disk as the snapshot names it (rel): nil when
// nothing is there (missing, a broken link, a directory), else a File whose
// Problem says why it could not be read, when it could not.
func Read(abs, rel string) *File {
	content, err := ReadRegular(abs)
	switch {
	case err == nil:
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			real = abs // replaced since it was read: the name is all there is
		}
		return &File{Path: rel, Content: content, Real: real}
	case Absent(err):
		return nil
	}
	return &File{Path: rel, Problem: Problem(err)}
}

// Absent reports whether a ReadRegular error means there is no file of that
// name: nothing there, a broken link, or a directory.
func Absent(err error) bool {
	var notRegular *NotRegularError
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) ||
		errors.As(err, &notRegular) && notRegular.What == "a directory"
}

// Problem is the message of a file that could not be read, as HPY003 says it.
func Problem(err error) string {
	var notRegular *NotRegularError
	var tooLarge *TooLargeError
	if errors.As(err, &notRegular) || errors.As(err, &tooLarge) {
		return err.Error()
	}
	return "cannot be read: " + err.Error()
}

// bare drops the path from an os error: callers name the file their way.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
