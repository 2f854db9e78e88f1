//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A file the cache knows is still read on every run: replaced by a FIFO
// it is reported as one, never answered from the cache.
func TestCacheNeverAnswersForAFileNotRead(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	args := []string{"--format", "json", "--cache-dir", filepath.Join(t.TempDir(), "cache")}
	first := hpylintCached(t, dir, args...)
	p := filepath.Join(dir, "src", "pointlib", "point.c")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	second := hpylintCached(t, dir, args...)
	sameOutput(t, "a source replaced by a FIFO", second, hpylintCached(t, dir, "--format", "json", "--no-cache"))
	if second.stdout == first.stdout || !strings.Contains(second.stdout, "FIFO") {
		t.Errorf("the FIFO is not reported:\n%s", second.stdout)
	}
	if second.stats.Hits != first.stats.Writes-1 {
		t.Errorf("stats %+v after %+v: want every other file read back", second.stats, first.stats)
	}
}
