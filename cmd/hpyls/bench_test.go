package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/hpyproject/hpylint/lsp/benchdata"
)

// BenchmarkColdStart starts the real hpyls process on a generated
// 500-file workspace and measures initialize to the first
// publishDiagnostics (the process start, grammar set-up and the whole
// first analysis included), then shuts it down.
//
//	go test ./cmd/hpyls -run '^$' -bench ColdStart -benchtime 5x
func BenchmarkColdStart(b *testing.B) {
	dir := b.TempDir()
	if err := benchdata.Workspace(dir, 500); err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	for n := 0; n < b.N; n++ {
		cmd := hpyls()
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		frames := make(chan string, 1000)
		go readFrames(stdout, frames)
		io.WriteString(stdin, frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":%q,"capabilities":{}}}`, uri.File(dir))))
		io.WriteString(stdin, frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`))
		timeout := time.After(60 * time.Second)
	wait:
		for {
			select {
			case f := <-frames:
				if strings.Contains(f, `"textDocument/publishDiagnostics"`) {
					lat = append(lat, time.Since(t0))
					break wait
				}
			case <-timeout:
				cmd.Process.Kill()
				b.Fatal("no diagnostics within 60s")
			}
		}
		io.WriteString(stdin, frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`))
		io.WriteString(stdin, frame(`{"jsonrpc":"2.0","method":"exit"}`))
		if err := cmd.Wait(); err != nil {
			b.Fatalf("hpyls exit: %v", err)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	med := float64(lat[len(lat)/2]) / float64(time.Millisecond)
	b.ReportMetric(med, "first-diagnostics-ms")
	b.ReportMetric(0, "ns/op")
	fmt.Fprintf(os.Stderr, "cold start of the hpyls process on 500 files: first diagnostics after %.0f ms (median of %d; max %.0f ms)\n",
		med, len(lat), float64(lat[len(lat)-1])/float64(time.Millisecond))
}
