package lsp

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// benchLogger discards the server's log, or appends it to the file named
// by HPYLS_BENCH_LOG (each run's timings are in it).
func benchLogger(b *testing.B) *slog.Logger {
	name := os.Getenv("HPYLS_BENCH_LOG")
	if name == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// BenchmarkKeystroke1MB types one character at a time into a 1 MB HPy
// source and measures each edit's trip: didChange sent, incremental
// reparse, analysis of the workspace, publishDiagnostics received. The
// debounce is off, so the numbers exclude it; each edit is sent
// typingPause after the previous publication, the server idle in between
// as it is between a typist's keys. Reports p50/p99 in ms.
//
//	go test ./lsp -run '^$' -bench Keystroke -benchtime 200x
func BenchmarkKeystroke1MB(b *testing.B) {
	benchmarkKeystroke(b, benchdata.CFile(1<<20, "_big"), typingPause)
}

// BenchmarkKeystroke1MBMacroHeavy is the same on a file where HPy macros
// are twice as dense, the incremental parser's worst case.
func BenchmarkKeystroke1MBMacroHeavy(b *testing.B) {
	benchmarkKeystroke(b, benchdata.MacroHeavy(1<<20, "_big"), typingPause)
}

// BenchmarkKeystroke1MBBackToBack sends each edit as soon as the previous
// one's diagnostics arrive: a debounce of 0 and a typist faster than the
// analysis, the server never idle.
func BenchmarkKeystroke1MBBackToBack(b *testing.B) {
	benchmarkKeystroke(b, benchdata.CFile(1<<20, "_big"), 0)
}

// typingPause is the idle time between a publication and the next key in
// the keystroke benchmarks: what the fixed 50 ms debounce used to leave, so
// figures stay comparable with the earlier ones.
const typingPause = 50 * time.Millisecond

func benchmarkKeystroke(b *testing.B, content string, idle time.Duration) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.c"), []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	keystrokes(b, dir, filepath.Join(dir, "big.c"), idle)
}

// keystrokes opens path in a server over dir and types one character at a
// time on the line of benchdata.TypingMarker, each edit sent idle after the
// previous one's diagnostics arrived, and reports the latencies.
func keystrokes(b *testing.B, dir, path string, idle time.Duration) {
	typeAt(b, dir, path, idle, func(line uint32, n int) (protocol.Position, string) {
		return protocol.Position{Line: line, Character: uint32(len("    long v") + n)}, "x"
	})
}

// typeAt is keystrokes with what to type, and where, given for the n-th
// edit from the line of benchdata.TypingMarker.
func typeAt(b *testing.B, dir, path string, idle time.Duration, key func(line uint32, n int) (protocol.Position, string)) {
	quiet := benchLogger(b)
	c := start(b, setup{caps: pushCaps(), folders: []string{dir}, log: quiet, debounce: -1})
	u, content := c.open(path)
	c.waitDiags(u, "first diagnostics", hasCode("HPY201"))

	i := strings.Index(content, benchdata.TypingMarker)
	line := uint32(strings.Count(content[:i], "\n"))
	var lat []time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		version := int32(n + 2)
		at, text := key(line, n)
		b.StopTimer()
		time.Sleep(idle)
		b.StartTimer()
		t0 := time.Now()
		c.change(u, version, protocol.Range{Start: at, End: at}, text)
		c.waitFor("publication of the edit", func() bool {
			p, ok := c.lastPub(u)
			v, _ := p.Version.Get()
			return ok && v == version
		})
		lat = append(lat, time.Since(t0))
		// The client keeps only the latest publication: client and server
		// share this process's heap, and hundreds of kept publications
		// would grow the server's collections, which a real client's
		// memory does not.
		c.mu.Lock()
		c.pubs = append(c.pubs[:0:0], c.pubs[len(c.pubs)-1])
		c.mu.Unlock()
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Fprintf(os.Stderr, "keystroke in %s (%d bytes), %d edits %v apart: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", filepath.Base(path), len(content), len(lat), idle, p(0.5), p(0.99), p(1))
}

// BenchmarkColdStart500 measures initialize to the first published
// diagnostics, and to the last, on a generated 500-file workspace, with a
// fresh server (and so an empty facts cache) each time. The real process,
// grammar set-up included, is measured by cmd/hpyls's BenchmarkColdStart.
func BenchmarkColdStart500(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Workspace(dir, 500); err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var first, all []time.Duration
	for n := 0; n < b.N; n++ {
		t0 := time.Now()
		st := setup{caps: pushCaps(), folders: []string{dir}, log: quiet, debounce: -1}
		c := startServer(b, st)
		c.initialize(st)
		c.waitFor("first diagnostics", func() bool { return len(c.pubs) > 0 })
		first = append(first, time.Since(t0))
		c.waitFor("every extension's HPY102", func() bool { return len(c.pubs) >= 10 })
		all = append(all, time.Since(t0))
	}
	ms := func(ds []time.Duration) float64 {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[len(ds)/2]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(first), "first-ms")
	b.ReportMetric(ms(all), "all-ms")
	fmt.Fprintf(os.Stderr, "cold start, 500 files: first diagnostics %.0f ms, all %.0f ms (median of %d)\n", ms(first), ms(all), b.N)
}

// BenchmarkKeystrokeWorkspace500 types into one source of the 500-file
// workspace, as BenchmarkKeystroke1MB does: the cost of a keystroke when
// the whole project is checked again.
func BenchmarkKeystrokeWorkspace500(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Workspace(dir, 500); err != nil {
		b.Fatal(err)
	}
	keystrokes(b, dir, filepath.Join(dir, "src", "ext001", "part0.c"), typingPause)
}

// BenchmarkKeystrokeWorkspace2000 is BenchmarkKeystrokeWorkspace500 in a
// workspace four times the size (400 extensions): work that grows with
// the workspace rather than the edit shows as the difference.
func BenchmarkKeystrokeWorkspace2000(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Workspace(dir, 2000); err != nil {
		b.Fatal(err)
	}
	keystrokes(b, dir, filepath.Join(dir, "src", "ext001", "part0.c"), typingPause)
}

// BenchmarkKeystrokeExtension300Body types spaces into a function body of
// one source of a 300-file extension: an edit that changes no fact, whose
// findings the engine moves without running the rules.
//
//	go test ./lsp -run '^$' -bench 'Extension300' -benchtime 100x
func BenchmarkKeystrokeExtension300Body(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Extension(dir, 300); err != nil {
		b.Fatal(err)
	}
	typeAt(b, dir, filepath.Join(dir, "src", "part001.c"), typingPause, func(line uint32, n int) (protocol.Position, string) {
		return protocol.Position{Line: line}, " " // moves the line's finding: a publication
	})
}

// BenchmarkKeystrokeExtension300Call adds a call on every edit, in the
// same place: the facts change, and the rules run over the extension.
func BenchmarkKeystrokeExtension300Call(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Extension(dir, 300); err != nil {
		b.Fatal(err)
	}
	typeAt(b, dir, filepath.Join(dir, "src", "part001.c"), typingPause, func(line uint32, n int) (protocol.Position, string) {
		return protocol.Position{Line: line + 1}, "    PyErr_Clear();\n"
	})
}

// BenchmarkKeystrokeWorkspaceEnter500 types Enter keys into one source of
// the 500-file workspace: each moves the findings below it and changes no
// fact, so the engine moves the last run's findings (analysis/moved.go)
// instead of running the rules. BenchmarkKeystrokeWorkspaceEnter2000 does
// the same in a workspace four times the size: a key that only moves text
// should cost no more there.
func BenchmarkKeystrokeWorkspaceEnter500(b *testing.B) { workspaceEnters(b, 500, benchdata.Shape{}) }

func BenchmarkKeystrokeWorkspaceEnter2000(b *testing.B) { workspaceEnters(b, 2000, benchdata.Shape{}) }

// BenchmarkKeystrokeWorkspaceEnterUniversal2000 is Enter2000 with the
// universal ABI pinned: each CPython call of the workspace is a finding of
// its own (1,640 in 1,600 files), and a key must find the one file whose
// findings moved among them.
func BenchmarkKeystrokeWorkspaceEnterUniversal2000(b *testing.B) {
	workspaceEnters(b, 2000, benchdata.Shape{Universal: true})
}

func workspaceEnters(b *testing.B, files int, shape benchdata.Shape) {
	dir := b.TempDir()
	if err := benchdata.ShapedWorkspace(dir, files, shape); err != nil {
		b.Fatal(err)
	}
	typeAt(b, dir, filepath.Join(dir, "src", "ext001", "part0.c"), typingPause, func(line uint32, n int) (protocol.Position, string) {
		return protocol.Position{Line: line}, "\n"
	})
}
