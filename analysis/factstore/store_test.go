package factstore

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

const testSource = `#include <hpy.h>
HPyDef_METH(add, "add", HPyFunc_VARARGS)
static HPy add_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    return HPy_Dup(ctx, args[0]);
}
static HPyDef *defines[] = { &add, NULL };
static HPyModuleDef moduledef = { .defines = defines };
HPy_MODINIT(demo, moduledef)
`

func extracted(t *testing.T, src string) ([32]byte, *cfacts.Facts) {
	t.Helper()
	f, err := cfacts.Extract(cfacts.C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256([]byte(src)), f
}

func open(t *testing.T, dir, key string) (*Store, *[]error) {
	t.Helper()
	var warnings []error
	s, err := Open(dir, key, func(err error) { warnings = append(warnings, err) })
	if err != nil {
		t.Fatal(err)
	}
	return s, &warnings
}

// entries lists the entry files under dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	out, err := filepath.Glob(filepath.Join(dir, "facts", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSaveThenLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	s, warnings := open(t, dir, "build A")
	hash, want := extracted(t, testSource)
	if s.Load(hash, cfacts.C) != nil {
		t.Fatal("an empty store has facts")
	}
	s.Save(hash, cfacts.C, want)
	got := s.Load(hash, cfacts.C)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded %+v, want %+v", got, want)
	}
	if st := s.Stats(); st != (Stats{Hits: 1, Misses: 1, Writes: 1}) {
		t.Errorf("stats %+v", st)
	}
	if len(*warnings) > 0 {
		t.Errorf("warnings: %v", *warnings)
	}
	// The directory was made here: marked as a cache for git and backups.
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Another store on the same directory, another process, reads it.
	if again, _ := open(t, dir, "build A"); again.Load(hash, cfacts.C) == nil {
		t.Error("a second store on the directory misses")
	}
}

// Anything else than the same content, grammar and build misses.
func TestOtherKeysMiss(t *testing.T) {
	dir := t.TempDir()
	s, _ := open(t, dir, "build A")
	hash, f := extracted(t, testSource)
	s.Save(hash, cfacts.C, f)
	other, _ := extracted(t, testSource+"\n")
	if s.Load(other, cfacts.C) != nil {
		t.Error("changed content hits")
	}
	if s.Load(hash, cfacts.CPP) != nil {
		t.Error("the other grammar hits")
	}
	if b, _ := open(t, dir, "build B"); b.Load(hash, cfacts.C) != nil {
		t.Error("another build key hits")
	}
}

// A directory that exists is the user's: nothing is added at its top.
func TestExistingDirectoryIsNotMarked(t *testing.T) {
	dir := t.TempDir()
	s, _ := open(t, dir, "k")
	hash, f := extracted(t, testSource)
	s.Save(hash, cfacts.C, f)
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written into an existing directory", name)
		}
	}
}

// A damaged or foreign entry is a miss, never facts, never a panic.
func TestDamagedEntriesMiss(t *testing.T) {
	hash, f := extracted(t, testSource)
	otherHash, otherFacts := extracted(t, "int x;\n")
	damage := map[string]func(t *testing.T, p, other string){
		"empty":     func(t *testing.T, p, _ string) { writeFile(t, p, nil) },
		"truncated": func(t *testing.T, p, _ string) { writeFile(t, p, readFile(t, p)[:len(readFile(t, p))/2]) },
		"last byte": func(t *testing.T, p, _ string) { b := readFile(t, p); writeFile(t, p, b[:len(b)-1]) },
		"extended":  func(t *testing.T, p, _ string) { writeFile(t, p, append(readFile(t, p), 0)) },
		"flipped": func(t *testing.T, p, _ string) {
			b := readFile(t, p)
			b[len(b)/2] ^= 0x10
			writeFile(t, p, b)
		},
		"foreign": func(t *testing.T, p, other string) { writeFile(t, p, readFile(t, other)) },
		"garbage": func(t *testing.T, p, _ string) {
			writeFile(t, p, []byte("not an entry at all, but long enough to have a key and a sum"))
		},
		// A whole, well-summed entry whose payload does not decode.
		"undecodable": func(t *testing.T, p, _ string) {
			b := readFile(t, p)
			var key [32]byte
			copy(key[:], b[len(magic):])
			writeFile(t, p, wrap([]byte{0xff, 0xff, 0xff}, key))
		},
		"directory": func(t *testing.T, p, _ string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(p, 0o777); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, spoil := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s, _ := open(t, dir, "k")
			s.Save(otherHash, cfacts.C, otherFacts)
			before := entries(t, dir)
			s.Save(hash, cfacts.C, f)
			p, other := newEntry(t, before, entries(t, dir)), before[0]
			spoil(t, p, other)
			if got := s.Load(hash, cfacts.C); got != nil {
				t.Fatalf("damaged entry gave facts: %+v", got)
			}
			if st := s.Stats(); st.Hits != 0 || st.Misses != 1 {
				t.Errorf("stats %+v, want one miss", st)
			}
			if name == "directory" {
				return
			}
			// The next save repairs it.
			s.Save(hash, cfacts.C, f)
			if !reflect.DeepEqual(s.Load(hash, cfacts.C), f) {
				t.Error("entry not repaired by the next save")
			}
		})
	}
}

func newEntry(t *testing.T, before, after []string) string {
	t.Helper()
	for _, p := range after {
		if !contains(before, p) {
			return p
		}
	}
	t.Fatal("no entry written")
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o666); err != nil {
		t.Fatal(err)
	}
}

// A cache that cannot be written still serves what it has, says so once,
// and never fails a save loudly.
func TestUnwritableCache(t *testing.T) {
	dir := t.TempDir()
	s, _ := open(t, dir, "k")
	hash, f := extracted(t, testSource)
	s.Save(hash, cfacts.C, f)

	// Whoever runs the test (root ignores permissions), the entries'
	// directory of another file cannot be made: facts/ is a file.
	ro := t.TempDir()
	writeFile(t, filepath.Join(ro, "facts"), []byte("in the way"))
	r, warnings := open(t, ro, "k")
	for i := range 5 {
		h, g := extracted(t, testSource+string(rune('a'+i))+";\n")
		r.Save(h, cfacts.C, g)
		if r.Load(h, cfacts.C) != nil {
			t.Fatal("a failed save gave facts")
		}
	}
	if len(*warnings) != 1 {
		t.Errorf("%d warnings, want one: %v", len(*warnings), *warnings)
	}
	r.Trim() // nothing to do, nothing to fail

	if os.Geteuid() != 0 {
		// A read-only directory that holds entries: they are read.
		if err := os.Chmod(filepath.Join(dir, "facts"), 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(filepath.Join(dir, "facts"), 0o777) })
		s, warnings := open(t, dir, "k")
		if s.Load(hash, cfacts.C) == nil {
			t.Error("a read-only cache is not read")
		}
		h, g := extracted(t, "int y;\n")
		s.Save(h, cfacts.C, g)
		s.Save(h, cfacts.C, g)
		if len(*warnings) != 1 {
			t.Errorf("%d warnings, want one: %v", len(*warnings), *warnings)
		}
	}
}

// A cache directory that cannot be made is an error of Open: the caller
// goes on without a cache.
func TestOpenFailsWhereNoDirectoryCanBe(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, file, []byte("x"))
	for _, dir := range []string{file, filepath.Join(file, "cache")} {
		if _, err := Open(dir, "k", nil); err == nil {
			t.Errorf("Open(%s) succeeded", dir)
		}
	}
}

// Runs at the same time, on the same entries and on others, see whole
// entries or none. Run with -race.
func TestConcurrentStores(t *testing.T) {
	dir := t.TempDir()
	var sources []string
	for i := range 8 {
		sources = append(sources, testSource+"int v"+string(rune('a'+i))+";\n")
	}
	want := map[[32]byte]*cfacts.Facts{}
	for _, src := range sources {
		h, f := extracted(t, src)
		want[h] = f
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for range 4 {
		s, _ := open(t, dir, "k") // a store per run
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					for h, f := range want {
						if got := s.Load(h, cfacts.C); got != nil && !reflect.DeepEqual(got, f) {
							errs <- "wrong facts loaded"
						}
						s.Save(h, cfacts.C, f)
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "facts", "tmp-*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// Entries unused for five days go, at most once a day, and nothing else
// in the directory ever does.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	s, _ := open(t, dir, "k")
	oldHash, oldFacts := extracted(t, "int old;\n")
	newHash, newFacts := extracted(t, "int recent;\n")
	s.Save(oldHash, cfacts.C, oldFacts)
	s.Save(newHash, cfacts.C, newFacts)
	week := time.Now().Add(-7 * 24 * time.Hour)
	oldEntry := s.path(s.entryKey(oldHash, cfacts.C))
	setTime(t, oldEntry, week)
	shard := filepath.Dir(oldEntry)
	keep := []string{
		filepath.Join(dir, "notes.txt"),
		filepath.Join(shard, "notes.txt"),
		filepath.Join(shard, "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"), // not a name of ours
	}
	for _, p := range keep {
		writeFile(t, p, []byte("user"))
		setTime(t, p, week)
	}
	abandoned := filepath.Join(shard, "tmp-123")
	writeFile(t, abandoned, []byte("half"))
	setTime(t, abandoned, time.Now().Add(-2*time.Hour))

	s.Trim()
	if _, err := os.Stat(oldEntry); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("entry unused for a week kept (%v)", err)
	}
	if _, err := os.Stat(abandoned); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("abandoned temporary file kept (%v)", err)
	}
	if s.Load(newHash, cfacts.C) == nil {
		t.Error("recent entry trimmed")
	}
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("trim removed %s", p)
		}
	}
	// Trimmed today: the next run leaves even an old entry alone.
	s.Save(oldHash, cfacts.C, oldFacts)
	setTime(t, oldEntry, week)
	s.Trim()
	if _, err := os.Stat(oldEntry); err != nil {
		t.Errorf("trimmed twice in a day: %v", err)
	}
	// Reading an entry marks it used.
	if s.Load(oldHash, cfacts.C) == nil {
		t.Fatal("miss")
	}
	if info, err := os.Stat(oldEntry); err != nil || time.Since(info.ModTime()) > time.Minute {
		t.Errorf("a hit did not mark the entry used (%v)", err)
	}
}

func setTime(t *testing.T, p string, at time.Time) {
	t.Helper()
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
}

// What the build information must say for it to name the build.
func TestPinnedBuilds(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "66016d5"}, {Key: "vcs.modified", Value: modified}}
	}
	dep := &debug.Module{Path: "github.com/tree-sitter/go-tree-sitter", Version: "v0.25.0"}
	local := &debug.Module{Path: "github.com/tree-sitter/go-tree-sitter", Version: "v0.25.0", Replace: &debug.Module{Path: "../go-tree-sitter"}}
	main := debug.Module{Path: "github.com/hpyproject/hpylint", Version: "(devel)"}
	released := debug.Module{Path: "github.com/hpyproject/hpylint", Version: "v1.2.3"}
	for _, c := range []struct {
		name string
		info debug.BuildInfo
		want bool
	}{
		{"clean checkout", debug.BuildInfo{Main: main, Deps: []*debug.Module{dep}, Settings: vcs("false")}, true},
		{"modified checkout", debug.BuildInfo{Main: main, Deps: []*debug.Module{dep}, Settings: vcs("true")}, false},
		{"no modified flag", debug.BuildInfo{Main: main, Settings: vcs("")}, false},
		{"dependency in a directory", debug.BuildInfo{Main: main, Deps: []*debug.Module{local}, Settings: vcs("false")}, false},
		{"released module", debug.BuildInfo{Main: released, Deps: []*debug.Module{dep}}, true},
		{"dirty version", debug.BuildInfo{Main: debug.Module{Path: main.Path, Version: "v1.2.4-0.20261206-66016d5+dirty"}}, false},
		{"no information (go run, tests)", debug.BuildInfo{Main: main}, false},
	} {
		if got := pinned(&c.info); got != c.want {
			t.Errorf("%s: pinned %v, want %v", c.name, got, c.want)
		}
	}
	// This test binary is not pinned: its key is its executable's hash.
	key, err := BuildKey()
	if err != nil || len(key) != len("executable ")+64 {
		t.Errorf("BuildKey() = %q, %v", key, err)
	}
}
