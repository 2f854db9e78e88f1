package cfacts

import (
	"bytes"
	"math/rand"
	"os"
	"slices"
	"testing"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/hpyproject/hpylint/analysis/source"
)

// BenchmarkDocumentEnterKeys types Enter keys at line starts drawn through
// a file (HPYLINT_BENCH_DOC_FILE, else the generated 1 MB source), as
// bench/lsp-latency does, and reports the median and 99th percentile of
// what bringing the facts up to date (facts) and comparing them with the
// facts before (movedto) cost per key.
func BenchmarkDocumentEnterKeys(b *testing.B) {
	src := benchDocSource(b)
	doc, err := NewDocument(C, src)
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	prev := doc.Facts()
	rng := rand.New(rand.NewSource(1))
	same := func(a, b string) bool { return a == b }
	var facts, moved []time.Duration
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
		prev.MovedTo(next, Move{Edit: Edit{Start: at, OldEnd: at, NewEnd: at + 1}, SameComment: same, Window: source.Span{Start: at, End: at}})
		facts, moved = append(facts, t1.Sub(t0)), append(moved, time.Since(t1))
		prev = next
	}
	b.StopTimer()
	for _, r := range []struct {
		name string
		ds   []time.Duration
	}{{"facts", facts}, {"movedto", moved}} {
		slices.Sort(r.ds)
		b.ReportMetric(float64(r.ds[len(r.ds)/2].Microseconds()), r.name+"-p50-µs")
		b.ReportMetric(float64(r.ds[len(r.ds)*99/100].Microseconds()), r.name+"-p99-µs")
	}
}

// BenchmarkDocumentOpen times what opening a file in the language server
// costs its Document (NewDocument, the first Facts), and a bare parse of
// the same bytes right after it in each iteration, and reports the median
// of their ratios ("x-bare"), which a busy machine moves less than either
// time. The file is the generated 1 MB source, or HPYLINT_BENCH_DOC_FILE.
func BenchmarkDocumentOpen(b *testing.B) {
	src := benchDocSource(b)
	g, _ := grammarFor(C)
	p := sitter.NewParser()
	defer p.Close()
	_ = p.SetLanguage(g.lang)
	var opens, ratios []float64
	for b.Loop() {
		t0 := time.Now()
		doc, err := NewDocument(C, src)
		if err != nil {
			b.Fatal(err)
		}
		doc.Facts()
		t1 := time.Now()
		doc.Close()
		t2 := time.Now()
		p.Parse(src, nil).Close()
		open, bare := t1.Sub(t0).Seconds(), time.Since(t2).Seconds()
		opens, ratios = append(opens, open), append(ratios, open/bare)
	}
	slices.Sort(opens)
	slices.Sort(ratios)
	b.ReportMetric(opens[len(opens)/2]*1e3, "open-ms")
	b.ReportMetric(ratios[len(ratios)/2], "x-bare")
}

// BenchmarkDocumentTyping types code a character a key, as a programmer
// does without an editor that closes brackets, into the generated 1 MB
// source (or HPYLINT_BENCH_DOC_FILE) a tenth into it, takes it out again,
// and reports the median and the slowest key's time to bring the facts up
// to date: a call and a block typed after a body line's indentation, and a
// prototype typed at file scope, each leaving a bracket open for a few keys.
//
//	go test ./analysis/cfacts -run '^$' -bench DocumentTyping -benchtime 20x
func BenchmarkDocumentTyping(b *testing.B) {
	src := benchDocSource(b)
	for _, c := range []struct {
		name, anchor string
		skip         int
		text         string
	}{
		{"body", "\n    return", len("\n    "), "g(x); if (x) { y(); } "},
		{"file-scope", "\nstatic ", 1, "static int nf(int a, int b);\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			found := bytes.Index(src[len(src)/10:], []byte(c.anchor))
			if found < 0 {
				b.Skipf("no %q in the file's last nine tenths", c.anchor)
			}
			at := len(src)/10 + found + c.skip
			doc, err := NewDocument(C, src)
			if err != nil {
				b.Fatal(err)
			}
			defer doc.Close()
			doc.Facts()
			var keys []time.Duration
			for b.Loop() {
				for i := range len(c.text) {
					doc.Edit(at+i, at+i, []byte(c.text[i:i+1]))
					t0 := time.Now()
					doc.Facts()
					keys = append(keys, time.Since(t0))
				}
				doc.Edit(at, at+len(c.text), nil)
				doc.Facts()
			}
			slices.Sort(keys)
			b.ReportMetric(float64(keys[len(keys)/2].Microseconds())/1000, "key-p50-ms")
			b.ReportMetric(float64(keys[len(keys)-1].Microseconds())/1000, "key-max-ms")
		})
	}
}

// benchDocSource is the file HPYLINT_BENCH_DOC_FILE names, else the
// generated 1 MB source.
func benchDocSource(b *testing.B) []byte {
	p := os.Getenv("HPYLINT_BENCH_DOC_FILE")
	if p == "" {
		return hpyHeavy(1 << 20)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return src
}
