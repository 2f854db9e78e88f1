package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/factstore"
)

// cachedRun is one run of hpylint and the lookups it made in the cache
// (zero when it opened none).
type cachedRun struct {
	stdout, stderr string
	code           int
	opened         bool
	stats          factstore.Stats
}

func hpylintCached(t *testing.T, dir string, args ...string) cachedRun {
	t.Helper()
	var store *factstore.Store
	cacheOpened = func(s *factstore.Store) { store = s }
	defer func() { cacheOpened = nil }()
	var r cachedRun
	r.stdout, r.stderr, r.code = hpylint(t, dir, args...)
	if store != nil {
		r.opened, r.stats = true, store.Stats()
	}
	return r
}

func sameOutput(t *testing.T, what string, got, want cachedRun) {
	t.Helper()
	if got.stdout != want.stdout || got.code != want.code || got.stderr != want.stderr {
		t.Errorf("%s: output differs (exit %d vs %d)\nstderr %q vs %q\n%s", what, got.code, want.code, got.stderr, want.stderr, firstDiff(got.stdout, want.stdout))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n  " + al[i] + "\n  " + bl[i]
		}
	}
	return "lengths " + itoa(len(al)) + " and " + itoa(len(bl)) + " lines"
}

// A second run reads every file's facts from the cache, parses none, and
// reports byte for byte what the first run and a run without the cache do.
func TestCacheSecondRunReadsFacts(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	cache := filepath.Join(t.TempDir(), "cache")
	args := []string{"--format", "json", "--cache-dir", cache}
	first := hpylintCached(t, dir, args...)
	second := hpylintCached(t, dir, args...)
	plain := hpylintCached(t, dir, "--format", "json", "--no-cache")
	if first.stats.Writes == 0 || first.stats.Hits != 0 {
		t.Fatalf("first run: %+v, want every file parsed and written", first.stats)
	}
	if want := (factstore.Stats{Hits: first.stats.Writes}); second.stats != want {
		t.Errorf("second run: %+v, want %+v: every file read back, none parsed", second.stats, want)
	}
	if plain.opened {
		t.Error("--no-cache opened the cache")
	}
	if len(decode(t, first.stdout).Diagnostics) == 0 {
		t.Fatal("no findings: the test compares nothing")
	}
	sameOutput(t, "second run", second, first)
	sameOutput(t, "--no-cache", plain, first)
	// The cache directory was made, and marked, where it was asked for.
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(cache, name)); err != nil {
			t.Error(err)
		}
	}
}

// A changed file is parsed again; the others are not.
func TestCacheChangedFileMisses(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	args := []string{"--format", "json", "--cache-dir", filepath.Join(t.TempDir(), "cache")}
	first := hpylintCached(t, dir, args...)
	p := filepath.Join(dir, "src", "pointlib", "point.c")
	content := read(t, dir, "src/pointlib/point.c")
	// A finding's place moves: stale facts would show.
	if err := os.WriteFile(p, []byte("/* moved down */\n\n"+content), 0o644); err != nil {
		t.Fatal(err)
	}
	second := hpylintCached(t, dir, args...)
	if want := (factstore.Stats{Hits: first.stats.Writes - 1, Misses: 1, Writes: 1}); second.stats != want {
		t.Errorf("after changing a file: %+v, want %+v", second.stats, want)
	}
	sameOutput(t, "changed file", second, hpylintCached(t, dir, "--format", "json", "--no-cache"))
	if second.stdout == first.stdout {
		t.Error("the change moved no finding: the test shows nothing")
	}
}

// Damaged entries are misses: parsed again, written again, and the report
// is what it would be without the cache.
func TestCacheCorruptEntriesMiss(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	cache := filepath.Join(t.TempDir(), "cache")
	args := []string{"--format", "json", "--cache-dir", cache}
	first := hpylintCached(t, dir, args...)
	entries, _ := filepath.Glob(filepath.Join(cache, "facts", "*"))
	if int64(len(entries)) != first.stats.Writes {
		t.Fatalf("%d entries for %d writes", len(entries), first.stats.Writes)
	}
	for i, p := range entries {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			b[len(b)/2] ^= 0x20
		} else {
			b = b[:len(b)-3]
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	second := hpylintCached(t, dir, args...)
	if want := (factstore.Stats{Misses: first.stats.Writes, Writes: first.stats.Writes}); second.stats != want {
		t.Errorf("damaged cache: %+v, want %+v", second.stats, want)
	}
	sameOutput(t, "damaged cache", second, first)
	if third := hpylintCached(t, dir, args...); third.stats.Hits != first.stats.Writes {
		t.Errorf("entries not repaired: %+v", third.stats)
	}
}

// A cache that cannot be made or written costs a line on stderr, once,
// and nothing else.
func TestCacheUnusable(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	plain := hpylintCached(t, dir, "--format", "json", "--no-cache")
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	unwritable := t.TempDir()
	if err := os.WriteFile(filepath.Join(unwritable, "facts"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ dir, warning string }{
		{blocker, "hpylint: warning: no cache: "},
		{filepath.Join(blocker, "cache"), "hpylint: warning: no cache: "},
		{unwritable, "hpylint: warning: cache " + unwritable + " cannot be written ("},
	} {
		got := hpylintCached(t, dir, "--format", "json", "--cache-dir", c.dir)
		if got.stdout != plain.stdout || got.code != plain.code {
			t.Errorf("--cache-dir %s: the report differs from --no-cache's", c.dir)
		}
		if lines := strings.Split(strings.TrimSuffix(got.stderr, "\n"), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], c.warning) {
			t.Errorf("--cache-dir %s: stderr %q, want one line starting %q", c.dir, got.stderr, c.warning)
		}
	}
	if b, err := os.ReadFile(blocker); err != nil || string(b) != "not a directory" {
		t.Errorf("the file in the way changed: %q, %v", b, err)
	}
}

// Where the cache is: --cache-dir, else $HPYLINT_CACHE_DIR; --no-cache
// makes none.
func TestCacheLocation(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	fromEnv, fromFlag, unused := filepath.Join(t.TempDir(), "env"), filepath.Join(t.TempDir(), "flag"), filepath.Join(t.TempDir(), "unused")
	t.Setenv("HPYLINT_CACHE_DIR", fromEnv)
	hpylintCached(t, dir)
	hpylintCached(t, dir, "--cache-dir", fromFlag)
	hpylintCached(t, dir, "--no-cache", "--cache-dir", unused)
	for p, want := range map[string]bool{fromEnv: true, fromFlag: true, unused: false} {
		entries, _ := filepath.Glob(filepath.Join(p, "facts", "*"))
		if _, err := os.Stat(p); (err == nil) != want || want && len(entries) == 0 {
			t.Errorf("%s: exists %v with %d entries, want %v", p, err == nil, len(entries), want)
		}
	}
}

// On the ports named by HPYLINT_REAL_TREES (colon-separated checkouts):
// the JSON report of a cold run, a warm run and a run without the cache
// are byte-identical, and the warm run parses nothing.
func TestCacheRealTrees(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES names no checkouts of the HPy ports")
	}
	for _, tree := range strings.Split(trees, ":") {
		t.Run(filepath.Base(tree), func(t *testing.T) {
			args := []string{"--format", "json", "--exit-zero", "--cache-dir", filepath.Join(t.TempDir(), "cache")}
			cold := hpylintCached(t, tree, args...)
			warm := hpylintCached(t, tree, args...)
			plain := hpylintCached(t, tree, "--format", "json", "--exit-zero", "--no-cache")
			if cold.stats.Writes == 0 || warm.stats != (factstore.Stats{Hits: cold.stats.Writes}) {
				t.Errorf("cold %+v, warm %+v: want the warm run to read back what the cold one wrote", cold.stats, warm.stats)
			}
			sameOutput(t, "warm", warm, cold)
			sameOutput(t, "--no-cache", plain, cold)
			t.Logf("%d files cached, %d findings", cold.stats.Writes, len(decode(t, cold.stdout).Diagnostics))
		})
	}
}
