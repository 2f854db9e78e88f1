package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hpyproject/hpylint/analysis/factstore"
)

// The facts of each C and C++ file are kept between runs in the user's
// cache directory (see cacheDir), keyed by the file's content, its
// grammar and the build of hpylint, so that a run parses only what
// changed. Every file is still read and hashed on every run.
//
// Not in the project, as ruff's .ruff_cache is: ruff keys its entries by
// path and settings, which belong to one project, while these are keyed
// by content alone, so one directory serves every checkout and worktree
// of a project, a read-only checkout gets a cache too, and hpylint writes
// nothing into the user's tree (as Go's build cache and ccache do).

// cacheOpened, when set (tests), is given the store a run uses.
var cacheOpened func(*factstore.Store)

// cacheDir is where the cache lives: --cache-dir, else
// $HPYLINT_CACHE_DIR, else hpylint/ in the user's cache directory
// ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows).
func cacheDir(f *flags) (string, error) {
	switch {
	case f.cacheDir != "":
		return f.cacheDir, nil
	case os.Getenv("HPYLINT_CACHE_DIR") != "":
		return os.Getenv("HPYLINT_CACHE_DIR"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "hpylint"), nil
}

// openCache opens the cache for this run, or returns nil when there is
// none to use: --no-cache, or a cache that cannot be made, which is said
// once on stderr. The run is the same without it, only slower.
func openCache(f *flags, stderr io.Writer) *factstore.Store {
	if f.noCache {
		return nil
	}
	dir, err := cacheDir(f)
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: warning: no cache (%v); use --cache-dir or --no-cache\n", err)
		return nil
	}
	key, err := factstore.BuildKey()
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: warning: no cache: %v\n", err)
		return nil
	}
	store, err := factstore.Open(dir, key, func(err error) {
		fmt.Fprintf(stderr, "hpylint: warning: cache %s cannot be written (%v); going on without writing it\n", dir, err)
	})
	if err != nil {
		fmt.Fprintf(stderr, "hpylint: warning: no cache: %v\n", err)
		return nil
	}
	if cacheOpened != nil {
		cacheOpened(store)
	}
	return store
}
