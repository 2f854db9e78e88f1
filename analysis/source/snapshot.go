package source

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// File is the content of one file as the analysis sees it: read from disk by
// the CLI, or an unsaved editor buffer in the language server.
type File struct {
	Path    string // slash-separated, relative to the snapshot root
	Content []byte
	// Problem is set when the file could not be read at all (I/O error,
	// not a regular file, over the size cap); Content is then empty.
	Problem string
	// Real is the absolute path with every symbolic link resolved, when
	// the file was read from disk: two names of one file have the same.
	Real   string
	hash   [32]byte
	hashed bool
	nul    sync.Once
	nulAt  int
}

// NULAt is the offset of the first NUL byte of the content, -1 when there
// is none (a text file). Computed once: the language server checks every
// file of a folder on every keystroke.
func (f *File) NULAt() int {
	f.nul.Do(func() { f.nulAt = bytes.IndexByte(f.Content, 0) })
	return f.nulAt
}

// Hash identifies the content, so facts can be cached across runs and edits.
func (f *File) Hash() [32]byte {
	if !f.hashed {
		f.hash = sha256.Sum256(f.Content)
		f.hashed = true
	}
	return f.hash
}

// Snapshot is an immutable set of files plus the root they are relative to.
// Rules never read the file system: whatever they need is in the snapshot.
type Snapshot struct {
	Root  string // absolute directory the paths are relative to
	files map[string]*File
	// Loader reads files that were not put in the snapshot up front (headers
	// reached through #include, sources named by a build config). It returns
	// nil when the file does not exist. It may be nil: then only Files exist.
	Loader func(path string) *File
	// Exclude says which paths the user excluded from analysis. Such files
	// still exist (a build config may name them) but are never analysed
	// and never reported on. Nil excludes nothing.
	Exclude func(path string) bool
	// Unlisted are the directories the walk could not list (Problem says
	// why): the files in them were not read.
	Unlisted []*File
	mu       sync.Mutex
	// loaded remembers what Loader returned. Snapshots made by With share
	// it: the language server makes one per keystroke over the same disk
	// state, and must not read the same headers (or look for the same
	// missing files) again each time.
	loaded *loads
	// shared holds, by Real, the content every name of a file has (see
	// WithShared); aliases are the files made for its other names, so
	// each name reads as one *File per snapshot.
	shared  map[string]*File
	aliases map[string]*File
	// paths is Paths' answer once asked: files never changes once the
	// snapshot is made, and the language server makes a snapshot per
	// keystroke whose paths are those of the one before.
	paths []string
	// changedFrom is ChangedFrom's last answer, for the snapshot it was
	// asked about.
	changedFrom changedFrom
	// lineage is how With made this snapshot (lineage.go).
	lineage lineage
	// reals counts the listed files' names by Real (realnames.go); nil
	// until asked, or shared with the snapshot With was called on;
	// realsShared says whether a count is over one.
	reals       realNames
	realsShared bool
	// sharedNames is NamesShared's last answer.
	sharedNames atomic.Pointer[sharedNames]
}

type loads struct {
	mu    sync.Mutex
	files map[string]*File
	reals realNames // the loaded files' names by Real
	// count counts the loads, so that an answer about the loaded files
	// tells whether it is still current without the lock.
	count atomic.Int64
}

// NewSnapshot builds a snapshot from files.
func NewSnapshot(root string, files []*File) *Snapshot {
	s := &Snapshot{Root: root, files: make(map[string]*File, len(files)), loaded: &loads{files: map[string]*File{}, reals: realNames{}}}
	for _, f := range files {
		s.files[f.Path] = f
	}
	return s
}

// File returns the file at path, asking the loader when it was not listed.
// The result is remembered, so a header is read once per snapshot and the
// snapshots made from it with With.
func (s *Snapshot) File(path string) *File {
	s.mu.Lock()
	f, ok := s.files[path]
	s.mu.Unlock()
	if !ok && s.Loader != nil {
		f = s.load(path)
	}
	return s.sharedAs(path, f)
}

func (s *Snapshot) load(path string) *File {
	s.loaded.mu.Lock()
	defer s.loaded.mu.Unlock()
	if f, ok := s.loaded.files[path]; ok {
		return f
	}
	f := s.Loader(path)
	s.loaded.files[path] = f // nil is remembered too: the file does not exist
	s.loaded.reals.add(f)
	s.loaded.count.Add(1)
	return f
}

// sharedAs is f, found at path, or the shared content of its real file
// under that name.
func (s *Snapshot) sharedAs(path string, f *File) *File {
	if f == nil || f.Real == "" || len(s.shared) == 0 {
		return f
	}
	content := s.shared[f.Real]
	if content == nil || content == f {
		return f
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.aliases[path]; a != nil {
		return a
	}
	a := &File{Path: path, Content: content.Content, Real: f.Real}
	if s.aliases == nil {
		s.aliases = map[string]*File{}
	}
	s.aliases[path] = a
	return a
}

// Known is File without reading: the file at path when it was listed or
// already loaded, else nil. For callers that must not touch the disk (the
// language server, holding its lock).
func (s *Snapshot) Known(path string) *File {
	s.mu.Lock()
	f, ok := s.files[path]
	s.mu.Unlock()
	if !ok {
		f = s.loadedFile(path)
	}
	return s.sharedAs(path, f)
}

// Exists reports whether path names a file in the snapshot or on disk.
func (s *Snapshot) Exists(path string) bool { return s.File(path) != nil }

// Paths lists the files given up front (not those loaded on demand), sorted.
func (s *Snapshot) Paths() []string {
	return slices.Clone(s.PathsShared())
}

// PathsShared is Paths without the copy, for callers that only read it:
// the engine walks the paths of 2,000 files several times a key.
func (s *Snapshot) PathsShared() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.paths == nil {
		s.paths = make([]string, 0, len(s.files))
		for p, f := range s.files {
			if f != nil {
				s.paths = append(s.paths, p)
			}
		}
		sort.Strings(s.paths)
	}
	return s.paths
}

// SamePaths reports whether s and other list the same paths; a snapshot
// With made by replacing files shares its paths with the one before, and
// is answered without comparing them.
func (s *Snapshot) SamePaths(other *Snapshot) bool {
	a, b := s.PathsShared(), other.PathsShared()
	if len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) {
		return true
	}
	return slices.Equal(a, b)
}

// With returns a copy of the snapshot in which the given files replace or add
// to the current ones; the receiver is unchanged. Files loaded on demand
// are shared: the copy stands for the same disk. A file given for a real
// file whose content is shared (WithShared) becomes that content, under
// every name: a fix made under one name is the file's text under all.
func (s *Snapshot) With(files ...*File) *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Cloned whole: the language server makes a snapshot per key, and
	// putting 2,000 files in a new map one by one cost more than copying.
	n := &Snapshot{Root: s.Root, Loader: s.Loader, Exclude: s.Exclude, Unlisted: s.Unlisted, files: maps.Clone(s.files), loaded: s.loaded}
	if n.files == nil {
		n.files = make(map[string]*File, len(files))
	}
	n.lineage = lineageOf(s, files)
	if len(s.shared) > 0 {
		n.shared = make(map[string]*File, len(s.shared))
		for r, f := range s.shared {
			n.shared[r] = f
		}
	}
	if n.lineage.replaced {
		n.paths = s.paths // nil when not listed yet
	}
	for _, f := range files {
		if f.Real == "" {
			// New content (an editor buffer, a fix) of a file read from
			// disk is still that file.
			if old := n.files[f.Path]; old != nil {
				f.Real = old.Real
			} else if old := s.loadedFile(f.Path); old != nil {
				f.Real = old.Real
			}
		}
		n.files[f.Path] = f
		if f.Real != "" && n.shared[f.Real] != nil {
			n.shared[f.Real] = f
		}
	}
	if n.lineage.replaced && sameReals(s, files) {
		// The language server makes each key's snapshot from one disk
		// snapshot: indexed once there, for all of them.
		n.reals, n.realsShared = s.listedReals(), s.realsShared
	}
	return n
}

// WithShared is With, and each given file with a Real is then the content
// of that real file under every name the snapshot has for it (a symbolic
// link and its target, listed or loaded on demand): an editor buffer open
// under one name is what the analysis reads under all. When two given
// files are one real file, the later one wins.
func (s *Snapshot) WithShared(files ...*File) *Snapshot {
	n := s.With(files...)
	for _, f := range files {
		if f.Real == "" {
			continue
		}
		if n.shared == nil {
			n.shared = map[string]*File{}
		}
		n.shared[f.Real] = f
	}
	return n
}

// LoadedProblems are the files the loader was asked for and could not read
// (their Problem says why), sorted by path.
func (s *Snapshot) LoadedProblems() []*File {
	if s.loaded == nil {
		return nil
	}
	s.loaded.mu.Lock()
	defer s.loaded.mu.Unlock()
	var out []*File
	for _, f := range s.loaded.files {
		if f != nil && f.Problem != "" {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// loadedFile is what the loader returned for path, if it was asked.
func (s *Snapshot) loadedFile(path string) *File {
	if s.loaded == nil {
		return nil
	}
	s.loaded.mu.Lock()
	defer s.loaded.mu.Unlock()
	return s.loaded.files[path]
}

// Excluded reports whether the user excluded path from analysis.
func (s *Snapshot) Excluded(path string) bool { return s.Exclude != nil && s.Exclude(path) }
