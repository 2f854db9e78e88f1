package audit

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/binary"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// add audits one named path.
func (r *auditRun) add(p string) error {
	abs := p
	if !filepath.IsAbs(abs) && r.o.Cwd != "" {
		abs = filepath.Join(r.o.Cwd, p)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return fmt.Errorf("%s: %w", p, unwrapPath(err))
	}
	switch {
	case info.IsDir():
		return r.walk(abs)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: not a regular file or directory (%s): not read", p, fileType(info.Mode()))
	case strings.HasSuffix(filepath.Base(abs), ".whl"):
		r.auditWheel(abs)
		return nil
	}
	// A file named alone is read with its siblings of the same module,
	// which decide how CPython reaches it; findings are on it alone.
	dir := filepath.Dir(abs)
	base := filepath.Base(abs)
	f := r.diskFolder(dir)
	entries, _ := os.ReadDir(dir)
	module := ParseName(base).Module
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == base:
			r.diskFile(f, filepath.Join(dir, name), true)
		case strings.HasSuffix(name, ".py"), strings.HasSuffix(name, ".pyc"):
			f.addStub(name)
		case IsLibraryName(name) && ParseName(name).Module == module:
			r.diskFile(f, filepath.Join(dir, name), false)
		}
	}
	if f.byBase[base] == nil { // not listed: a race with a rename
		r.diskFile(f, abs, true)
	}
	return nil
}

// skippedDirs are never searched: caches and version control, not builds.
var skippedDirs = map[string]bool{"__pycache__": true, "node_modules": true}

// walk searches a directory for shared libraries and wheels. Links to
// directories are not followed, so a link loop cannot make it endless;
// links to files are (a CPython-named link to X.hpy0.so is the layout the
// README recommends).
func (r *auditRun) walk(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fmt.Errorf("%s: %w", r.display(p), unwrapPath(err))
			}
			if d != nil && d.IsDir() || d == nil {
				// A directory that cannot be listed: say so rather than
				// pass over what it holds.
				r.report(rules.UnreadableArtifact, r.display(p), "directory cannot be listed (%v): the binaries in it were not audited", unwrapPath(err))
				return nil
			}
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || skippedDirs[name]) {
				return filepath.SkipDir
			}
			return nil
		}
		isLib, isWheel := IsLibraryName(name), strings.HasSuffix(name, ".whl")
		switch {
		case strings.HasSuffix(name, ".py"), strings.HasSuffix(name, ".pyc"):
			r.diskFolder(filepath.Dir(p)).addStub(name)
			return nil
		case !isLib && !isWheel:
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				r.report(rules.UnreadableArtifact, r.display(p), "cannot be read: %v", unwrapPath(err))
				return nil
			}
			mode = info.Mode().Type()
		}
		switch {
		case mode.IsDir():
			return nil // a link to a directory named x.so: not followed
		case !mode.IsRegular():
			// Never opened (a FIFO would block), but not passed over
			// in silence either.
			r.report(rules.UnreadableArtifact, r.display(p), "%s, not a regular file: not opened, so nothing in it was audited", fileType(mode))
			return nil
		}
		if isWheel {
			r.auditWheel(p)
		} else {
			r.diskFile(r.diskFolder(filepath.Dir(p)), p, true)
		}
		return nil
	})
}

func (r *auditRun) diskFolder(dir string) *folder {
	f := r.folders[dir]
	if f == nil {
		f = newFolder()
		r.folders[dir] = f
	}
	return f
}

// diskFile reads the binary at p into f (once, however often it is named).
func (r *auditRun) diskFile(f *folder, p string, report bool) {
	base := filepath.Base(p)
	if a := f.byBase[base]; a != nil {
		if report && !a.report {
			a.report = true
			r.reportUnreadable(a)
		}
		return
	}
	a := &artifact{path: r.display(p), name: ParseName(base), importable: true, report: report}
	a.img, a.err = readDisk(p)
	if a.err == nil {
		a.sum = diskSum(p)
		limit := r.o.MaxMember
		a.open = func() (io.ReaderAt, error) {
			f, err := os.Open(p)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			data, err := io.ReadAll(io.LimitReader(f, limit+1))
			if err == nil && int64(len(data)) > limit {
				err = fmt.Errorf("over the audit's limit of %d bytes", limit)
			}
			return bytes.NewReader(data), err
		}
	}
	f.add(a)
	r.files++
	if report {
		r.reportUnreadable(a)
	}
}

// reportUnreadable reports a binary that could not be read.
func (r *auditRun) reportUnreadable(a *artifact) {
	switch {
	case a.err == nil:
	case errors.Is(a.err, binary.ErrNotBinary):
		r.report(rules.UnreadableArtifact, a.path, "not an ELF, Mach-O or PE file, so not a shared library: nothing in it was audited")
	default:
		r.report(rules.UnreadableArtifact, a.path, "%v: nothing in it was audited", a.err)
	}
}

func readDisk(p string) (*binary.Image, error) {
	// Stat first: opening a FIFO would block.
	if info, err := os.Stat(p); err != nil {
		return nil, fmt.Errorf("cannot be read: %w", unwrapPath(err))
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s, not a regular file: not opened", fileType(info.Mode()))
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %w", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %w", unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s, not a regular file", fileType(info.Mode()))
	}
	return readImage(f, info.Size())
}

// readImage reads a binary, turning a reader's panic on hostile input into
// an error: one file must not stop the audit.
func readImage(r io.ReaderAt, size int64) (img *binary.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("damaged binary (its reader failed: %v)", p)
		}
	}()
	return binary.Read(r, size)
}

// diskSum hashes a file the first time it is asked.
func diskSum(p string) func() ([32]byte, bool) {
	return sync.OnceValues(func() ([32]byte, bool) {
		var s [32]byte
		f, err := os.Open(p)
		if err != nil {
			return s, false
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return s, false
		}
		copy(s[:], h.Sum(nil))
		return s, true
	})
}

// unwrapPath drops the path a *PathError repeats: messages name the file
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
