package lsp

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// BenchmarkHoverDuringTyping1MB is bench/lsp-latency's -burst 30 -request
// hover in process: an Enter every 30 ms at a line drawn above the first
// finding, a hover at that finding right after each key, timed. Every
// other key the early answers are off, so the request waits for the
// analysis as it did before them: both are measured in the same run, under
// the same load. HPYLS_TYPING_WORKSPACE and HPYLS_TYPING_FILE type into
// another file (numpy-hpy's multiarraymodule.c). Reports p50/p99 in ms.
//
//	go test ./lsp -run '^$' -bench DuringTyping -benchtime 200x
func BenchmarkHoverDuringTyping1MB(b *testing.B) {
	requestsDuringTyping(b, protocol.MethodTextDocumentHover)
}

// BenchmarkQuickFixDuringTyping1MB is the same with the quick fixes of the
// finding's line (-request codeaction).
func BenchmarkQuickFixDuringTyping1MB(b *testing.B) {
	requestsDuringTyping(b, protocol.MethodTextDocumentCodeAction)
}

func requestsDuringTyping(b *testing.B, method string) {
	dir, path := os.Getenv("HPYLS_TYPING_WORKSPACE"), os.Getenv("HPYLS_TYPING_FILE")
	if dir == "" || path == "" {
		dir = b.TempDir()
		path = filepath.Join(dir, "big.c")
		if err := os.WriteFile(path, []byte(benchdata.CFile(1<<20, "_big")), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	} else if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	b.Cleanup(func() { noEarlyAnswers.Store(false) })
	// The server's own debounce, which follows what runs cost.
	c := start(b, setup{caps: pushCaps(), folders: []string{dir}, log: benchLogger(b), tweak: func(s *Server) { s.opts.Debounce = 0 }})
	u, text := c.open(path)
	first := c.waitDiags(u, "first diagnostics", func(ds []protocol.Diagnostic) bool { return len(ds) > 0 })
	at := first[0].Range.Start
	for _, d := range first {
		if d.Range.Start.Line < at.Line {
			at = d.Range.Start
		}
	}
	params := func() any {
		doc := protocol.TextDocumentIdentifier{URI: u}
		if method == protocol.MethodTextDocumentHover {
			return &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: doc, Position: at}}
		}
		return &protocol.CodeActionParams{TextDocument: doc, Range: protocol.Range{Start: at, End: at},
			Context: protocol.CodeActionContext{Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}}}
	}
	lines := strings.Count(text, "\n")
	rng := rand.New(rand.NewSource(1))
	var early, waiting []time.Duration
	time.Sleep(500 * time.Millisecond)
	tick := time.NewTicker(30 * time.Millisecond)
	defer tick.Stop()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		<-tick.C
		off := n%2 == 1
		noEarlyAnswers.Store(off)
		line := uint32(rng.Intn(min(int(at.Line)+1, lines)))
		c.change(u, int32(n+2), protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line}}, "\n")
		if line <= at.Line {
			at.Line++
		}
		t0 := time.Now()
		var raw any
		c.call(method, params(), &raw)
		if off {
			waiting = append(waiting, time.Since(t0))
		} else {
			early = append(early, time.Since(t0))
		}
	}
	b.StopTimer()
	p := func(ds []time.Duration, q float64) float64 {
		if len(ds) == 0 {
			return 0
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[int(q*float64(len(ds)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(p(early, 0.5), "early-p50-ms")
	b.ReportMetric(p(early, 0.99), "early-p99-ms")
	b.ReportMetric(p(waiting, 0.5), "waiting-p50-ms")
	b.ReportMetric(p(waiting, 0.99), "waiting-p99-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Fprintf(os.Stderr, "%s after each key of a 30 ms burst in %s, %d keys: early answers p50 %.2f / p99 %.2f ms, waiting p50 %.2f / p99 %.2f ms\n",
		method, filepath.Base(path), b.N, p(early, 0.5), p(early, 0.99), p(waiting, 0.5), p(waiting, 0.99))
}
