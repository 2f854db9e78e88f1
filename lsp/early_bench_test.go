package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// BenchmarkEarlyHover1MB times a hover answered early in the 1 MB file:
// an Enter typed above the hover's name, then the hover, while the
// analysis worker is held before it reads the buffers, so the request
// does the reparse as well. Reports p50/p99 in ms.
//
//	go test ./lsp -run '^$' -bench EarlyHover -benchtime 100x
func BenchmarkEarlyHover1MB(b *testing.B) {
	dir := b.TempDir()
	content := benchdata.CFile(1<<20, "_big")
	path := filepath.Join(dir, "big.c")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte("from setuptools import setup, Extension\nsetup(name='big', setup_requires=['hpy'], hpy_ext_modules=[Extension('big._big', sources=['big.c'])])\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	g := &gate{}
	tweak := func(s *Server) { s.answerWithin = time.Minute; s.stall = g.stall }
	c := start(b, setup{caps: pushCaps(), folders: []string{dir}, log: benchLogger(b), debounce: -1, tweak: tweak})
	b.Cleanup(g.release) // before the server stops
	u, _ := c.open(path)
	c.waitDiags(u, "first diagnostics", hasCode("HPY201"))
	i := strings.Index(content, benchdata.TypingMarker)
	line := uint32(strings.Count(content[:i], "\n"))
	at := protocol.Position{Line: line, Character: uint32(len("    long v = "))}
	hover := func() *protocol.Hover {
		var h *protocol.Hover
		c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: at}}, &h)
		return h
	}
	if hover() == nil { // builds the last run's model
		b.Fatal("no hover at the CPython call")
	}
	g.hold()
	var lat []time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		c.change(u, int32(n+2), protocol.Range{}, "\n")
		at.Line++
		t0 := time.Now()
		if hover() == nil {
			b.Fatal("no hover")
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Fprintf(os.Stderr, "early hover, 1 MB: p50 %.2f ms, p99 %.2f ms\n", p(0.5), p(0.99))
}
