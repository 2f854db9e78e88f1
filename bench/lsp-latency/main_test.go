package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv("LSP_LATENCY_FAKE"); mode != "" {
		os.Exit(fakeServer(mode, os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// moduleRoot is the directory of the go.mod above this package.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

func configure(t *testing.T, args ...string) config {
	t.Helper()
	cfg, cleanup, _, err := parseFlags(args, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	return cfg
}

// wantVersions checks that edit i was answered by the publication of
// version i+2, the version the client gave it (the open is version 1).
func wantVersions(t *testing.T, res *result, edits int) {
	t.Helper()
	if res.Edits != edits || res.Published != edits || len(res.latencies) != edits || len(res.versions) != edits {
		t.Fatalf("edits %d, published %d, %d latencies, %d versions; want %d of each", res.Edits, res.Published, len(res.latencies), len(res.versions), edits)
	}
	for i, v := range res.versions {
		if v != i+2 {
			t.Errorf("edit %d was answered by the publication of version %d, want %d", i+1, v, i+2)
		}
	}
}

// TestHpylsOnSample types into the sample project with hpyls built from
// this tree, one key at a time and in a burst.
func TestHpylsOnSample(t *testing.T) {
	root := moduleRoot(t)
	hpyls := filepath.Join(t.TempDir(), "hpyls")
	build := exec.Command("go", "build", "-o", hpyls, "./cmd/hpyls")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/hpyls: %v\n%s", err, out)
	}
	sample := filepath.Join(root, "testdata", "sample")
	common := []string{"-hpyls", hpyls, "-workspace", sample, "-file", "src/pointlib/point.c", "-settle", "0", "-timeout", "60s"}

	t.Run("sequential", func(t *testing.T) {
		const edits = 10
		res, err := run(configure(t, append(common, "-edits", "10", "-spread")...))
		if err != nil {
			t.Fatal(err)
		}
		wantVersions(t, res, edits)
		if res.Sync != "incremental" {
			t.Errorf("sync %q, want incremental (hpyls takes ranges)", res.Sync)
		}
		if res.OpenMS <= 0 || res.P50MS <= 0 || res.P50MS > res.P95MS || res.P95MS > res.P99MS || res.P99MS > res.MaxMS {
			t.Errorf("figures out of order: open %.1f, p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms", res.OpenMS, res.P50MS, res.P95MS, res.P99MS, res.MaxMS)
		}
		if runtime.GOOS == "linux" && (res.PeakRSSKB == nil || *res.PeakRSSKB <= 0) {
			t.Errorf("peak RSS %v on Linux, want a positive VmHWM", res.PeakRSSKB)
		}
	})
	t.Run("generated", func(t *testing.T) {
		cfg := configure(t, "-hpyls", hpyls, "-generate", "40KB", "-edits", "5", "-spread", "-settle", "0", "-timeout", "60s")
		dir := cfg.workspace
		res, err := run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		wantVersions(t, res, 5)
		if res.Bytes < 40<<10 || res.Upto < 2 {
			t.Errorf("generated %d bytes, Enter keys up to line %d; want 40 KB with findings below its top", res.Bytes, res.Upto)
		}
		if _, err := os.Stat(filepath.Join(dir, "setup.py")); err != nil {
			t.Errorf("the generated workspace has no setup.py: %v", err)
		}
	})
	t.Run("generated extensions", func(t *testing.T) {
		cfg := configure(t, "-hpyls", hpyls, "-generate", "20files", "-edits", "3", "-spread", "-settle", "0", "-timeout", "60s")
		res, err := run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		wantVersions(t, res, 3)
		sources, _ := filepath.Glob(filepath.Join(cfg.workspace, "src", "ext*", "part*.c"))
		if filepath.Base(cfg.file) != "part0.c" || filepath.Base(filepath.Dir(cfg.file)) != "ext001" || len(sources) != 16 {
			t.Errorf("typed into %s of a workspace with %d sources; want ext001/part0.c of four extensions of four sources", cfg.file, len(sources))
		}
		if _, _, _, err := parseFlags([]string{"-hpyls", hpyls, "-generate", "5files"}, os.Stderr); err == nil || !strings.Contains(err.Error(), "at least 10") {
			t.Errorf("-generate 5files: %v; want an error asking for two extensions", err)
		}
	})
	t.Run("after a fix of another file", func(t *testing.T) {
		cfg := configure(t, "-hpyls", hpyls, "-generate", "40KB", "-edits", "3", "-spread", "-settle", "0", "-timeout", "60s", "-fix-first", "other.c")
		res, err := run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		wantVersions(t, res, 3)
		if res.FixTitle == "" || res.FixAnswerMS <= 0 || res.FixPublishMS <= 0 || filepath.Base(res.FixFirst) != "other.c" {
			t.Errorf("fix first: %q in %s, answered in %.1f ms, published in %.1f ms; want a quick fix of other.c applied and published",
				res.FixTitle, res.FixFirst, res.FixAnswerMS, res.FixPublishMS)
		}
	})
	t.Run("burst", func(t *testing.T) {
		res, err := run(configure(t, append(common, "-edits", "10", "-burst", "10")...))
		if err != nil {
			t.Fatal(err)
		}
		if res.Published != 1 || !slices.Equal(res.versions, []int{11}) || res.BurstLastMS <= 0 || res.BurstPublished < 1 {
			t.Errorf("burst of 10: published %d, versions %v, last edit to publish %.1f ms, %d publications; want the final version 11 published",
				res.Published, res.versions, res.BurstLastMS, res.BurstPublished)
		}
	})
}

// fake runs the test binary as a fake server in mode over a one-file
// workspace.
func fake(t *testing.T, mode string, args ...string) (config, string) {
	t.Helper()
	dir := t.TempDir()
	text := "int a;\nint b;\nint c;\nint d;\nint e;\n"
	if err := os.WriteFile(filepath.Join(dir, "x.c"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LSP_LATENCY_FAKE", mode)
	out := filepath.Join(dir, "final.c")
	t.Setenv("LSP_LATENCY_FAKE_OUT", out)
	return configure(t, append([]string{"-server", os.Args[0], "-workspace", dir, "-file", "x.c", "-settle", "0"}, args...)...), out
}

// TestWaitsForTheEditsOwnVersion: a publication of an earlier version
// that arrives after an edit does not end the edit's wait.
func TestWaitsForTheEditsOwnVersion(t *testing.T) {
	cfg, _ := fake(t, "stale-first", "-edits", "5", "-timeout", "10s")
	res, err := run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	wantVersions(t, res, 5)
	for i, d := range res.latencies {
		if d < staleDelay {
			t.Errorf("edit %d measured %v, shorter than the %v the fake takes to publish its version", i+1, d, staleDelay)
		}
	}
}

func TestUnversionedServerIsTakenAtItsNextPublication(t *testing.T) {
	cfg, _ := fake(t, "unversioned", "-edits", "3", "-timeout", "10s")
	res, err := run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != 3 || !slices.Equal(res.versions, []int{-1, -1, -1}) {
		t.Errorf("published %d, versions %v; want 3 publications without a version", res.Published, res.versions)
	}
}

// TestPublicationBeforeOpenIsNotTheFirst: a server that publishes for the
// file before it is opened (from its workspace analysis) has not answered
// the open yet.
func TestPublicationBeforeOpenIsNotTheFirst(t *testing.T) {
	cfg, _ := fake(t, "early", "-edits", "1", "-timeout", "10s")
	res, err := run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.OpenMS < float64(staleDelay/time.Millisecond) {
		t.Errorf("open to first publication %.1f ms, shorter than the %v the fake waits after didOpen", res.OpenMS, staleDelay)
	}
}

func TestServerThatNeverPublishesIsAnError(t *testing.T) {
	cfg, _ := fake(t, "silent", "-edits", "3", "-timeout", "300ms")
	start := time.Now()
	_, err := run(cfg)
	if err == nil || !strings.Contains(err.Error(), "edit 1 of 3") || !strings.Contains(err.Error(), "nothing within 300ms") {
		t.Fatalf("err = %v, want a timeout on edit 1 of 3", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("gave up after %v, want about the 300ms timeout", waited)
	}
}

// TestFullAndIncrementalSyncMakeTheSameText: the text the server holds at
// the end is the file with the planned keys typed, whether the client sent
// ranges or whole texts.
func TestFullAndIncrementalSyncMakeTheSameText(t *testing.T) {
	var finals []string
	for _, mode := range []string{"stale-first", "full"} {
		cfg, out := fake(t, mode, "-edits", "6", "-spread", "-seed", "3", "-timeout", "10s")
		res, err := run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]string{"stale-first": "incremental", "full": "full"}[mode]; res.Sync != want {
			t.Errorf("%s: sync %q, want %q", mode, res.Sync, want)
		}
		final, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		finals = append(finals, string(final))
	}
	if finals[0] != finals[1] {
		t.Errorf("incremental sync left\n%q\nfull sync\n%q", finals[0], finals[1])
	}
	if n := strings.Count(finals[0], "\n"); n != 5+6 {
		t.Errorf("final text has %d line breaks, want 11 (5 and one per Enter):\n%s", n, finals[0])
	}
}
