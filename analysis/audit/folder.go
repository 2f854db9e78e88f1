package audit

import (
	"crypto/sha256"
	"io"
	"strings"

	"github.com/hpyproject/hpylint/analysis/binary"
)

// artifact is one binary: read, or reported as unreadable.
type artifact struct {
	path string // as reported: dist/x.whl!/pkg/_mod.hpy0.so
	name Name
	img  *binary.Image // nil when it could not be read
	err  error         // why not
	// sum is the SHA-256 of the content, computed on demand (a copy and
	// its original are the same binary).
	sum func() ([32]byte, bool)
	// open reads the content again, for the rare check that needs more
	// than the image (HPY505's symbol table); nil when it cannot be.
	open func() (io.ReaderAt, error)
	// importable: Python imports from the file's directory (not a wheel's
	// .data/scripts or .data/data).
	importable bool
	// report: findings on it are wanted. A file named alone is audited
	// with its siblings of the same module, which are read for context.
	report bool
}

// folder is one directory's binaries and stubs, on disk or in a wheel:
// what the import system sees side by side.
type folder struct {
	files  []*artifact
	byBase map[string]*artifact
	// stubs are the modules with a .py (or, without source, .pyc) file in
	// the directory: hpy.devel's stub loader is one.
	stubs map[string]bool
}

func newFolder() *folder {
	return &folder{byBase: map[string]*artifact{}, stubs: map[string]bool{}}
}

func (f *folder) addStub(base string) {
	m, ok := strings.CutSuffix(base, ".py")
	if !ok {
		m, ok = strings.CutSuffix(base, ".pyc")
	}
	if ok && m != "" && !strings.Contains(m, ".") {
		f.stubs[m] = true
	}
}

func (f *folder) add(a *artifact) {
	f.files = append(f.files, a)
	f.byBase[a.name.Base] = a
}

// module lists the binaries of module m whose name is of kind k.
func (f *folder) module(m string, k Kind) []*artifact {
	var out []*artifact
	for _, a := range f.files {
		if a.name.Module == m && a.name.Kind == k {
			out = append(out, a)
		}
	}
	return out
}

// sameContent reports whether two artifacts hold the same bytes (a copy, a
// symlink, a hard link); false when either could not be read.
func sameContent(a, b *artifact) bool {
	if a.sum == nil || b.sum == nil {
		return false
	}
	x, okx := a.sum()
	y, oky := b.sum()
	return okx && oky && x == y
}

func memoSum(data []byte) func() ([32]byte, bool) {
	s := sha256.Sum256(data)
	return func() ([32]byte, bool) { return s, true }
}
