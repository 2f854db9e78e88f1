// Package workspace turns paths on disk into a snapshot: it walks
// directories for build configs and C/C++ sources, skipping what cannot be
// part of a project's sources, and reads files on demand for the rest.
package workspace

import (
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
// every root-relative path. Problems with the arguments themselves (a path
// that does not exist) come back as errors; the rest is still loaded.
func Load(root string, args []string, exclude func(rel string) bool) (*source.Snapshot, []error) {
	root, _ = filepath.Abs(root)
	l := &loader{root: root, exclude: exclude, seen: map[string]bool{}}
	var errs []error
	for _, arg := range args {
		abs := arg
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(root, arg)
		}
		info, err := os.Stat(abs)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", arg, unwrapPathError(err)))
			continue
		}
		if info.IsDir() {
			l.walk(abs)
		} else {
			l.add(abs, true)
			l.addAncestorConfigs(filepath.Dir(abs))
		}
	}
	sort.Slice(l.files, func(i, j int) bool { return l.files[i].Path < l.files[j].Path })
	snap := source.NewSnapshot(root, l.files)
	snap.Loader = func(rel string) *source.File { return readFile(root, rel) }
	snap.Exclude = exclude
	return snap, errs
}

type loader struct {
	root    string
	exclude func(string) bool
	seen    map[string]bool
	files   []*source.File
}

// skippedDirs never hold a project's own sources, and can be huge.
var skippedDirs = map[string]bool{
	"node_modules": true, "__pycache__": true, "site-packages": true,
	"venv": true, "build": true, "dist": true, "_build": true,
}

func (l *loader) walk(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir // unreadable directory: go on with the rest
			}
			return nil
		}
		rel := l.rel(p)
		if d.IsDir() {
			name := d.Name()
			hidden := strings.HasPrefix(name, ".") && name != ".github" && !strings.HasSuffix(rel, ".github/workflows")
			if p != dir && (hidden || skippedDirs[name] || strings.HasSuffix(name, ".egg-info")) {
				return fs.SkipDir
			}
			if p != dir && l.exclude != nil && l.exclude(rel) {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			l.add(p, false)
		}
		return nil
	})
}

// add records a file if it is one hpylint reads; explicit files named on
// the command line are read whatever their name, if they are C or config.
func (l *loader) add(abs string, explicit bool) {
	rel := l.rel(abs)
	if l.seen[rel] || !Relevant(rel) {
		return
	}
	if !explicit && l.exclude != nil && l.exclude(rel) {
		return
	}
	l.seen[rel] = true
	if f := readFile(l.root, rel); f != nil {
		l.files = append(l.files, f)
	}
}

// addAncestorConfigs reads the build configs of the directories above a
// file named on the command line, up to the root, so cross-file rules see
// the extension a lone source belongs to.
func (l *loader) addAncestorConfigs(dir string) {
	for {
		entries, err := os.ReadDir(dir)
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

// readFile reads a root-relative file; nil when it does not exist. Files
// over the size limit are not read: their Problem says why.
func readFile(root, rel string) *source.File {
	abs := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Stat(abs)
	if err != nil || info.IsDir() {
		return nil
	}
	if info.Size() > analysis.MaxFileSize {
		return &source.File{Path: rel, Problem: fmt.Sprintf("file is %d bytes, over hpylint's %d MiB limit; it was not analysed", info.Size(), analysis.MaxFileSize>>20)}
	}
	content, err := os.ReadFile(abs)
	if err != nil {
		return &source.File{Path: rel, Problem: "cannot be read: " + unwrapPathError(err).Error()}
	}
	return &source.File{Path: rel, Content: content}
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
