// Package workspace turns paths on disk into a snapshot: it walks
// directories for build configs and C/C++ sources, skipping what cannot be
// part of a project's sources, and reads files on demand for the rest.
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Load walks args (files or directories, relative to root or absolute) and
// returns a snapshot rooted at root. exclude, if not nil, is asked about
// every root-relative path. A path named in args that cannot be read at all
// (missing, a broken link, neither a regular file nor a directory, a file
// or directory that cannot be read) comes back as an error; the rest is
// still loaded.
func Load(root string, args []string, exclude func(rel string) bool) (*source.Snapshot, []error) {
	return LoadEach(root, args, exclude, nil)
}

// LoadEach is Load calling each, if not nil, with every file as soon as it
// is read, from several goroutines at once (analysis.Prefetch.Read starts
// parsing it while the rest is read).
func LoadEach(root string, args []string, exclude func(rel string) bool, each func(*source.File)) (*source.Snapshot, []error) {
	root, _ = filepath.Abs(root)
	l := &loader{root: root, exclude: exclude, seen: map[string]bool{}, each: each}
	var errs []error
	for _, arg := range args {
		abs := arg
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(root, arg)
		}
		if err := l.arg(abs); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", arg, err))
		}
	}
	l.files = append(l.files, readAll(root, l.pending, each)...)
	sort.Slice(l.files, func(i, j int) bool { return l.files[i].Path < l.files[j].Path })
	snap := source.NewSnapshot(root, oneNamePerConfig(l.files))
	snap.Loader = func(rel string) *source.File { return readFile(root, rel) }
	snap.Exclude = exclude
	snap.Unlisted = l.unlisted
	return snap, errs
}

// arg loads one path the user named. A symbolic link is followed whether
// it names a directory or a file: the user named it.
func (l *loader) arg(abs string) error {
	info, err := os.Stat(abs)
	if err != nil {
		if link, lerr := os.Lstat(abs); lerr == nil && link.Mode()&fs.ModeSymlink != 0 {
			return errors.New("a broken symbolic link: nothing was read")
		}
		return unwrapPathError(err)
	}
	switch {
	case info.IsDir():
		if err := l.walk(abs); err != nil {
			return fmt.Errorf("directory cannot be read: %w; nothing in it was analysed", err)
		}
		return nil
	case !info.Mode().IsRegular():
		l.add(abs, true) // an HPY003 when it has a source's or config's name
		return fmt.Errorf("%s, not a regular file or directory: it was not read", source.Kind(info.Mode()))
	}
	f := l.add(abs, true)
	l.addAncestorConfigs(filepath.Dir(abs))
	// An oversized file was read as far as it matters: its HPY003 says
	// why it was not analysed. Any other problem is a file not read.
	if f != nil && f.Problem != "" && info.Size() <= source.MaxFileSize {
		return errors.New(f.Problem)
	}
	return nil
}

type loader struct {
	root     string
	exclude  func(string) bool
	seen     map[string]bool
	files    []*source.File
	unlisted []*source.File
	// pending are the files the walks met, read together once every walk
	// is done (readAll).
	pending []string
	each    func(*source.File) // LoadEach's
}

// readDir is os.ReadDir; tests replace it to make a directory unreadable
// as a user without permission sees it (tests run as root in CI, and root
// reads every directory).
var readDir = os.ReadDir

// skippedDirs never hold a project's own sources, and can be huge.
var skippedDirs = map[string]bool{
	"node_modules": true, "__pycache__": true, "site-packages": true,
	"venv": true, "build": true, "dist": true, "_build": true,
}

// walk reads the sources and build configs under dir. dir itself may be a
// symbolic link (the user named it); links met inside are followed to
// files only, never to directories, so a link loop cannot make the walk
// endless. A directory that cannot be listed is remembered (HPY003), like
// a file that cannot be read; dir's own error is returned.
func (l *loader) walk(dir string) error {
	entries, err := readDir(dir)
	if err != nil {
		return unwrapPathError(err)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		rel := l.rel(p)
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil || info.IsDir() {
				continue // broken, a loop, or a directory: not followed
			}
			mode = info.Mode().Type()
		}
		if !mode.IsDir() {
			l.add(p, false)
			continue
		}
		name := e.Name()
		hidden := strings.HasPrefix(name, ".") && name != ".github" && !strings.HasSuffix(rel, ".github/workflows")
		if hidden || skippedDirs[name] || strings.HasSuffix(name, ".egg-info") {
			continue
		}
		if l.exclude != nil && l.exclude(rel) {
			continue
		}
		if err := l.walk(p); err != nil {
			l.unlisted = append(l.unlisted, &source.File{Path: rel,
				Problem: fmt.Sprintf("directory cannot be read: %v; the files in it were not analysed", err)})
		}
	}
	return nil
}

// add records a file if it is one hpylint reads; explicit files named on
// the command line are read whatever their name, if they are C or config.
// An explicit file is read at once and returned (nil when skipped or
// gone); the others wait in pending and add returns nil.
func (l *loader) add(abs string, explicit bool) *source.File {
	rel := l.rel(abs)
	if l.seen[rel] || !Relevant(rel) {
		return nil
	}
	if !explicit && l.exclude != nil && l.exclude(rel) {
		return nil
	}
	l.seen[rel] = true
	if !explicit {
		l.pending = append(l.pending, rel)
		return nil
	}
	f := readFile(l.root, rel)
	if f != nil {
		l.files = append(l.files, f)
		if l.each != nil {
			l.each(f)
		}
	}
	return f
}

// addAncestorConfigs reads the build configs of the directories above a
// file named on the command line, up to the root, so cross-file rules see
// the extension a lone source belongs to.
func (l *loader) addAncestorConfigs(dir string) {
	for {
		entries, err := readDir(dir)
		if err == nil {
			for _, e := range entries {
				if !e.IsDir() && analysis.IsBuildConfig(e.Name()) {
					l.add(filepath.Join(dir, e.Name()), false)
				}
			}
		}
		if dir == l.root || !strings.HasPrefix(dir, l.root) {
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}

func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// Relevant reports whether hpylint reads a file of that name.
func Relevant(name string) bool {
	if _, ok := cfacts.LangOf(name); ok {
		return true
	}
	return analysis.IsBuildConfig(name) || path.Base(name) == "hpylint.toml"
}

// oneNamePerConfig keeps one name of a build config the walk met under
// several (setup.py, a link to packaging/setup.py): the one nearest the
// root, where a build runs it. Read under both names, the config's sources
// would be looked for beside each, and are missing beside one.
func oneNamePerConfig(files []*source.File) []*source.File {
	nearest := map[string]*source.File{}
	for _, f := range files {
		if f.Real == "" || !analysis.IsBuildConfig(path.Base(f.Path)) {
			continue
		}
		if n := nearest[f.Real]; n == nil || strings.Count(f.Path, "/") < strings.Count(n.Path, "/") {
			nearest[f.Real] = f
		}
	}
	out := files[:0:0]
	for _, f := range files {
		if n := nearest[f.Real]; n == nil || n == f {
			out = append(out, f)
		}
	}
	return out
}

// readFile reads a root-relative file (source.Read): nil when nothing is
// there, a Problem when it cannot be read.
func readFile(root, rel string) *source.File {
	return source.Read(filepath.Join(root, filepath.FromSlash(rel)), rel)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
