package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// NewFileMode is the permission of files a fix creates (before the umask
// the process cannot read portably; the usual source-file mode).
const NewFileMode fs.FileMode = 0o644

// Write puts each change on disk under root, one file at a time. A file is
// written to a temporary file in its own directory and renamed over the
// original, so a reader (or a crash) sees the old content or the new, never
// half of it; the original's permission bits are kept, and a symlink is
// followed so that the file it points to is updated, not replaced by a copy.
// A change is refused when the file no longer holds Old (edited since it
// was read) or, for a new file, when it appeared meanwhile. Errors are per
// file; the other changes are still written.
func Write(root string, changes []Change) []error {
	var errs []error
	for _, c := range changes {
		if err := writeOne(filepath.Join(root, filepath.FromSlash(c.Path)), c); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.Path, err))
		}
	}
	return errs
}

func writeOne(target string, c Change) error {
	mode := NewFileMode
	if c.Created {
		if _, err := os.Lstat(target); err == nil {
			return errors.New("not created: the file appeared after it was analysed")
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
	} else {
		real, err := filepath.EvalSymlinks(target)
		if err != nil {
			return err
		}
		target = real
		info, err := os.Stat(target)
		if err != nil {
			return err
		}
		mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		now, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, c.Old) {
			return errors.New("not written: the file changed after it was analysed")
		}
	}
	return replaceAtomically(target, c.New, mode)
}

// replaceAtomically writes data to a temporary file beside target and
// renames it over target. The temporary file lives in the same directory so
// the rename stays on one file system, where it is atomic.
func replaceAtomically(target string, data []byte, mode fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".hpylint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// Data on disk before the rename makes it visible: otherwise a crash
	// can leave an empty file under the original name.
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes 0600 files; the umask does not apply to Chmod.
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
