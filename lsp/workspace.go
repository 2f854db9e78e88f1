package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// folder is one analysis root: a workspace folder, or an implicit root made
// for files opened outside every folder. Each has its own snapshot, so
// cross-file rules see the whole project (setup.py against the C files,
// duplicates across files, include chains).
type folder struct {
	uri      uri.URI
	root     string // absolute
	implicit bool

	// Only the analysis worker touches these.
	disk       *source.Snapshot      // the files as on disk; open buffers are laid over it per run
	excludeKey string                // the exclude settings disk was walked with
	configs    *analysis.ConfigCache // build configs by content, paths relative to root
	published  map[string]published
	lines      lineIndexes // of disk files, for the findings of every run

	// Guarded by Server.mu.
	stale    bool            // walk the folder again before the next run
	refresh  map[string]bool // absolute paths to re-read from disk
	removed  bool            // clear its diagnostics and forget it
	gen      uint64          // bumped by every change that reaches the folder
	doneGen  uint64          // gen of last
	last     *outcome
	analysed chan struct{} // closed and replaced after each completed run
	// modelOnly is the running run's model, as soon as it is built, for a
	// request that reads only the model (modelbuilt.go); modelBuilt is
	// closed and replaced when it is set.
	modelOnly  *outcome
	modelBuilt chan struct{}
	settings   *clientSettings

	// Also guarded by Server.mu, for early answers (early.go): how many
	// bumps of gen were edits of open buffers, and when a request last
	// read the model of a run.
	edits      uint64
	modelAsked time.Time

	// Also guarded by Server.mu: the requests waiting for the next run
	// (answerfirst.go).
	waiters []*waitTicket
}

func newFolder(u uri.URI, root string, implicit bool) *folder {
	return &folder{uri: u, root: root, implicit: implicit, stale: true, gen: 1, configs: analysis.NewConfigCache(),
		published: map[string]published{}, analysed: make(chan struct{}), modelBuilt: make(chan struct{})}
}

// contains reports whether an absolute path lies under the folder.
func (f *folder) contains(path string) bool {
	return path == f.root || strings.HasPrefix(path, f.root+string(filepath.Separator)) ||
		f.root == string(filepath.Separator) // a folder at / holds everything
}

// rel is a path as the snapshot names it.
func (f *folder) rel(abs string) string {
	r, err := filepath.Rel(f.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// abs is the absolute path of a snapshot path.
func (f *folder) abs(rel string) string {
	if filepath.IsAbs(rel) {
		return filepath.Clean(rel)
	}
	return filepath.Join(f.root, filepath.FromSlash(rel))
}

// fsPath turns a file URI into a clean absolute path; "" for other schemes.
func fsPath(u uri.URI) string {
	if !u.IsFile() {
		return ""
	}
	p := u.FsPath()
	if p == "" {
		return ""
	}
	return filepath.Clean(p)
}

// addFolder adds a workspace folder; mu must be held.
func (s *Server) addFolder(wf protocol.WorkspaceFolder) {
	root := fsPath(wf.URI)
	if root == "" {
		return
	}
	for _, f := range s.folders {
		if f.root == root && !f.implicit && !f.removed {
			return
		}
	}
	s.folders = append(s.folders, newFolder(wf.URI, root, false))
}

// ownerLocked is the folder that analyses and publishes for path: the
// innermost workspace folder holding it, else an implicit folder holding
// it. mu must be held.
func (s *Server) ownerLocked(path string) *folder {
	var best *folder
	for _, f := range s.folders {
		if f.removed || !f.contains(path) {
			continue
		}
		if best == nil || best.implicit && !f.implicit || best.implicit == f.implicit && len(f.root) > len(best.root) {
			best = f
		}
	}
	return best
}

// folderForLocked returns the owner of an open buffer's path, making an
// implicit folder when no workspace folder holds it: rooted at the nearest
// directory above with a build config (so the extension the file belongs to
// is found), else at the file's directory.
func (s *Server) folderForLocked(path string) *folder {
	if f := s.ownerLocked(path); f != nil {
		return f
	}
	root := filepath.Dir(path)
	for dir := root; ; {
		if hasProjectFile(dir) {
			root = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	f := newFolder(uri.File(root), root, true)
	s.folders = append(s.folders, f)
	return f
}

// projectFiles mark a project root for a lone file.
var projectFiles = []string{"setup.py", "pyproject.toml", "setup.cfg", "hpylint.toml", "CMakeLists.txt", "meson.build"}

func hasProjectFile(dir string) bool {
	for _, name := range projectFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// load reads a folder from disk. A workspace folder is walked whole; an
// implicit one only reads the build configs above its open files (the
// sources they name are read on demand), since its root may hold far more
// than one project.
func (s *Server) load(f *folder, exclude func(string) bool, docPaths []string) *source.Snapshot {
	args := []string{"."}
	if f.implicit {
		args = ancestorConfigs(f, docPaths)
	}
	snap, errs := workspace.Load(f.root, args, exclude)
	for _, err := range errs {
		s.log.Warn("loading workspace", "root", f.root, "err", err)
	}
	return snap
}

func ancestorConfigs(f *folder, docPaths []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range docPaths {
		for dir := filepath.Dir(p); f.contains(dir); dir = filepath.Dir(dir) {
			if seen[dir] {
				break
			}
			seen[dir] = true
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !e.IsDir() && (analysis.IsBuildConfig(e.Name()) || e.Name() == "hpylint.toml") {
					out = append(out, f.rel(filepath.Join(dir, e.Name())))
				}
			}
			if dir == f.root {
				break
			}
		}
	}
	return out
}

// refreshed re-reads changed files into the disk snapshot. ok is false when
// one of them is gone, which takes a new walk.
func refreshed(f *folder, paths map[string]bool) (snap *source.Snapshot, ok bool) {
	var files []*source.File
	for p := range paths {
		rel := f.rel(p)
		if !workspace.Relevant(rel) || strings.HasPrefix(rel, "../") {
			continue
		}
		file := readFile(p, rel)
		if file == nil {
			return nil, false
		}
		files = append(files, file)
	}
	others, ok := otherNames(f.disk, files)
	if !ok {
		return nil, false
	}
	return f.disk.With(append(files, others...)...), true
}

// otherNames re-reads the other names the disk snapshot has for files just
// read (a symbolic link to one, its target): one file changed is every
// name of it changed, whichever name the change was reported under.
func otherNames(disk *source.Snapshot, files []*source.File) (others []*source.File, ok bool) {
	reals, read := map[string]bool{}, map[string]bool{}
	for _, file := range files {
		read[file.Path] = true
		if file.Real != "" {
			reals[file.Real] = true
		}
	}
	if len(reals) == 0 {
		return nil, true
	}
	for _, rel := range disk.Paths() {
		if old := disk.File(rel); read[rel] || old == nil || !reals[old.Real] {
			continue
		}
		file := readFile(disk.Root+string(filepath.Separator)+filepath.FromSlash(rel), rel)
		if file == nil {
			return nil, false
		}
		others = append(others, file)
	}
	return others, true
}

// readFile reads one file as workspace.Load does (regular files only,
// capped while reading); nil when it is gone.
func readFile(abs, rel string) *source.File {
	return source.Read(abs, rel)
}

// watchedGlobs are the files whose changes on disk matter: sources, build
// configs and hpylint's own config.
var watchedGlobs = []string{
	"**/*.{c,h,cc,cpp,cxx,c++,hh,hpp,hxx,h++,ipp}",
	"**/{setup*.py,setup.cfg,pyproject.toml,hpylint.toml,CMakeLists.txt,meson.build,Makefile,makefile,GNUmakefile,*.mk}",
}

// registerWatchers asks the client to report changes on disk (files saved
// by other tools, git checkouts, a setup.py edited elsewhere).
func (s *Server) registerWatchers() {
	var opts protocol.DidChangeWatchedFilesRegistrationOptions
	for _, g := range watchedGlobs {
		opts.Watchers = append(opts.Watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	raw, err := protocol.Marshal(&opts)
	if err != nil {
		s.log.Error("encoding watcher registration", "err", err)
		return
	}
	err = s.client.RegisterCapability(s.ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "hpylint-watched-files", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: raw,
	}}})
	if err != nil {
		s.log.Warn("client refused file watching; changes on disk are seen on save and close only", "err", err)
	}
}

func (s *Server) DidChangeWatchedFiles(ctx context.Context, p *protocol.DidChangeWatchedFilesParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range p.Changes {
		path := fsPath(ev.URI)
		if path == "" {
			continue
		}
		for _, f := range s.folders {
			if f.removed || !f.contains(path) {
				continue
			}
			if ev.Type == protocol.FileChangeTypeChanged {
				if f.refresh == nil {
					f.refresh = map[string]bool{}
				}
				f.refresh[path] = true
			} else {
				f.stale = true // created or deleted: the set of files changed
			}
			s.changedLocked(f, false)
		}
	}
	return nil
}

func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, p *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	for _, r := range p.Event.Removed {
		root := fsPath(r.URI)
		for _, f := range s.folders {
			if f.root == root && !f.implicit && !f.removed {
				f.removed = true
				s.changedLocked(f, true)
			}
		}
	}
	for _, a := range p.Event.Added {
		s.addFolder(a)
	}
	s.changedAllLocked(true)
	caps := s.caps
	s.mu.Unlock()
	if caps.configuration {
		go s.pullConfiguration()
	}
	return nil
}
