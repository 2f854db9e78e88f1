package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hpyproject/hpylint/analysis/source"
)

// NewFileMode is the permission of files a fix creates (before the umask
// the process cannot read portably; the usual source-file mode).
const NewFileMode fs.FileMode = 0o644

// Outcome is what Write did.
type Outcome struct {
	// Written are the changes whose new content is on disk: all of them, or
	// none, or (only when undoing a failed run failed too) some.
	Written []Change
	// Errors say why the run was refused or undone, and what could not be
	// undone. Empty when every change was written.
	Errors []error
	// Warnings are about files written, but not quite like the original
	// (an owner that could not be kept).
	Warnings []string
}

// beforeFinalCheck runs after a file's new content is on disk in its
// temporary file, just before the last look at the original. Tests use it
// to change a file in that window.
var beforeFinalCheck = func(target string) {}

// Write puts the changes of one run on disk under root, all or none.
//
// First every file is checked (an edited file must still hold Old, be a
// regular file with a single link; a created file's path must be free),
// then every new content is written and synced to a temporary file beside
// its target, with the original's owner, group and mode. Only then are
// the temporary files renamed into place, created files first, each right
// after a last check that the original still holds Old. A symlink is
// followed: the file it points to is replaced, the link stays. When any
// step fails, what this run already replaced gets its old content back
// (atomically, the same way) and what it created is removed.
func Write(root string, changes []Change) *Outcome {
	out := &Outcome{}
	steps := make([]*step, 0, len(changes))
	// Created files go first: an edit that includes a header never lands
	// without the header.
	for _, created := range []bool{true, false} {
		for _, c := range changes {
			if c.Created == created {
				steps = append(steps, &step{Change: c, target: filepath.Join(root, filepath.FromSlash(c.Path))})
			}
		}
	}
	for _, s := range steps {
		if err := s.check(); err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("%s: %w", s.Path, err))
		}
	}
	if len(out.Errors) > 0 {
		return out
	}
	defer func() {
		for _, s := range steps {
			s.discard()
		}
	}()
	for _, s := range steps {
		if err := s.stage(); err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("%s: %w", s.Path, err))
			return out
		}
	}
	for i, s := range steps {
		beforeFinalCheck(s.target)
		err := s.check()
		if err == nil {
			err = s.commit()
		}
		if err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("%s: %w", s.Path, err))
			undo(steps[:i], out)
			return out
		}
	}
	for _, s := range steps {
		out.Written = append(out.Written, s.Change)
		if s.warning != "" {
			out.Warnings = append(out.Warnings, s.Path+": "+s.warning)
		}
	}
	return out
}

// undo puts back what the committed steps replaced and removes what they
// created, latest first. A file that no longer holds what this run wrote
// was changed by someone else meanwhile and is left alone.
func undo(done []*step, out *Outcome) {
	for i := len(done) - 1; i >= 0; i-- {
		s := done[i]
		if err := s.revert(); err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("%s: written, and could not be undone: %w", s.Path, err))
			out.Written = append(out.Written, s.Change)
		}
	}
}

// step is one change on its way to disk.
type step struct {
	Change
	target  string      // the path to replace, symlinks resolved
	mode    fs.FileMode // the mode to give the new file
	owner   *owner      // the original's owner, nil for a created file
	tmp     string      // the staged temporary file, until renamed
	dirs    []string    // directories created for a new file, outermost first
	warning string
}

// check is the test before staging and again right before the rename: the
// file is as it was read, and it can be replaced without losing anything.
func (s *step) check() error {
	if s.Created {
		return checkFree(s.target)
	}
	real, err := filepath.EvalSymlinks(s.target)
	if err != nil {
		return fmt.Errorf("not written: %w", err)
	}
	if s.tmp != "" && real != s.target {
		return errors.New("not written: a symlink on its path changed after it was analysed")
	}
	s.target = real
	info, err := os.Lstat(real)
	if err != nil {
		return fmt.Errorf("not written: %w", err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not written: it is %s, not a regular file", source.Kind(info.Mode()))
	}
	o, links := ownerOf(info)
	if links > 1 {
		return fmt.Errorf("not written: it has %d hard links, and replacing it would leave the old text under the other names", links)
	}
	same, err := holds(real, s.Old)
	if err != nil {
		return fmt.Errorf("not written: %w", err)
	}
	if !same {
		return errors.New("not written: the file changed after it was analysed")
	}
	s.mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	s.owner = o
	return nil
}

// checkFree makes sure nothing is at the path of a file to create.
func checkFree(target string) error {
	info, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("not created: %w", err)
	case info.Mode()&fs.ModeSymlink != 0:
		if _, err := os.Stat(target); err != nil {
			return errors.New("not created: a symlink that points nowhere is in its place")
		}
		return errors.New("not created: a symlink is in its place")
	case info.IsDir():
		return errors.New("not created: a directory is in its place")
	}
	return errors.New("not created: the file appeared after it was analysed")
}

// holds reports whether the file at path has exactly the content want,
// reading no more than one byte past it.
func holds(path string, want []byte) (bool, error) {
	f, err := openNoWait(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return false, err
	} else if !info.Mode().IsRegular() {
		return false, fmt.Errorf("it is %s, not a regular file", source.Kind(info.Mode()))
	}
	got, err := io.ReadAll(io.LimitReader(f, int64(len(want))+1))
	if err != nil {
		return false, err
	}
	return bytes.Equal(got, want), nil
}

// stage writes the new content to a temporary file beside the target, in
// the same directory so that the rename stays on one file system, where it
// is atomic.
func (s *step) stage() error {
	if s.Created {
		dirs, err := makeParents(filepath.Dir(s.target))
		s.dirs = dirs
		if err != nil {
			return fmt.Errorf("not created: %w", err)
		}
		s.mode = NewFileMode
	}
	tmp, warning, err := writeTemp(s.target, s.New, s.mode, s.owner)
	if err != nil {
		if s.Created {
			return fmt.Errorf("not created: %w", err)
		}
		return fmt.Errorf("not written: %w", err)
	}
	s.tmp, s.warning = tmp, warning
	return nil
}

// commit moves the staged file into place. A new file is linked rather
// than renamed when the file system allows it, so that a file appearing
// after the last check is not replaced either.
func (s *step) commit() error {
	if s.Created {
		if err := os.Link(s.tmp, s.target); err == nil {
			os.Remove(s.tmp)
			s.tmp = ""
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			if err := checkFree(s.target); err != nil {
				return err
			}
			return errors.New("not created: a file came and went at its path meanwhile")
		}
	}
	if err := os.Rename(s.tmp, s.target); err != nil {
		return err
	}
	s.tmp = ""
	return nil
}

// revert undoes a committed step.
func (s *step) revert() error {
	same, err := holds(s.target, s.New)
	if err != nil {
		return err
	}
	if !same {
		return errors.New("it changed again meanwhile, and was left as it is")
	}
	if s.Created {
		if err := os.Remove(s.target); err != nil {
			return err
		}
		s.discard()
		return nil
	}
	tmp, _, err := writeTemp(s.target, s.Old, s.mode, s.owner)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, s.target); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// discard removes what a step left behind: its temporary file, and the
// directories it created when they are still empty.
func (s *step) discard() {
	if s.tmp != "" {
		os.Remove(s.tmp)
		s.tmp = ""
	}
	if _, err := os.Lstat(s.target); err == nil {
		return // the file is in place: its directories stay
	}
	for i := len(s.dirs) - 1; i >= 0; i-- {
		os.Remove(s.dirs[i]) // fails, harmlessly, when not empty
	}
	s.dirs = nil
}

// makeParents is os.MkdirAll that says which directories it created.
func makeParents(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		for i := len(missing) - 1; i >= 0; i-- {
			os.Remove(missing[i])
		}
		return nil, err
	}
	return missing, nil
}

// writeTemp writes data to a synced temporary file beside target, owned
// like the original when one is given, with the given mode. The warning
// says what could not be kept.
func writeTemp(target string, data []byte, mode fs.FileMode, o *owner) (name, warning string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".hpylint-*")
	if err != nil {
		return "", "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", "", err
	}
	// Data on disk before the rename makes it visible: otherwise a crash
	// can leave an empty file under the original name.
	if err = tmp.Sync(); err != nil {
		return "", "", err
	}
	// Owner before mode: changing the owner clears the set-id bits.
	warning = keepOwner(tmp, o)
	// CreateTemp makes 0600 files; the umask does not apply to Chmod.
	if err = tmp.Chmod(mode); err != nil {
		return "", "", err
	}
	if err = tmp.Close(); err != nil {
		return "", "", err
	}
	return tmp.Name(), warning, nil
}
