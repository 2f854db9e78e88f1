package cfacts

import (
	"math/rand"
	"slices"

	"github.com/hpyproject/hpylint/analysis/source"
	"os"
	"testing"
	"time"
)

// BenchmarkDocumentEnterKeys types Enter keys at lines drawn through a file
// (HPYLINT_BENCH_DOC_FILE, else the generated 1 MB source), as
// bench/lsp-latency does, and reports what bringing the facts up to date
// and comparing them with the facts before (MovedTo) cost per key.
func BenchmarkDocumentEnterKeys(b *testing.B) {
	src := hpyHeavy(1 << 20)
	if p := os.Getenv("HPYLINT_BENCH_DOC_FILE"); p != "" {
		var err error
		if src, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
	doc, err := NewDocument(C, src)
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	prev := doc.Facts()
	rng := rand.New(rand.NewSource(1))
	var facts, moved []time.Duration
	b.ResetTimer()
	for b.Loop() {
		content := doc.Content()
		at := rng.Intn(len(content))
		for at > 0 && content[at-1] != '\n' {
			at--
		}
		t0 := time.Now()
		doc.Edit(at, at, []byte("\n"))
		next := doc.Facts()
		t1 := time.Now()
		prev.MovedTo(next, Move{Edit: Edit{Start: at, OldEnd: at, NewEnd: at + 1}, SameComment: func(a, b string) bool { return a == b }, Window: source0(at)})
		t2 := time.Now()
		facts, moved = append(facts, t1.Sub(t0)), append(moved, t2.Sub(t1))
		if os.Getenv("HPYLINT_BENCH_DOC_SLOW") != "" && t1.Sub(t0) > 4*time.Millisecond {
			end := at + 60
			if end > len(content) {
				end = len(content)
			}
			b.Logf("slow key at %d (%v, reread %d, full %d): %q", at, t1.Sub(t0), doc.reread, doc.fullReads, content[at:end])
		}
		prev = next
	}
	b.StopTimer()
	report := func(name string, ds []time.Duration) {
		slicesSort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), name+"-p50-µs")
		b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), name+"-p99-µs")
	}
	report("facts", facts)
	report("movedto", moved)
}

func source0(at int) source.Span { return source.Span{Start: at, End: at} }

func slicesSort(ds []time.Duration) { slices.Sort(ds) }
