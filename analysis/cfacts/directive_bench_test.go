package cfacts

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/ctoken"
)

// directiveKey is one key typed on a directive's lines: text inserted at
// an offset, undone afterwards.
type directiveKey struct {
	at   int
	text string
}

// directiveKeys lists, for every line that is part of a directive (each
// line of a continued #define, an #if line, ...), an Enter and a typed
// letter in the middle of the line's text and at its end (after a
// continuation's backslash, an Enter ends the directive there).
func directiveKeys(src []byte) []directiveKey {
	var keys []directiveKey
	for i := 0; i < len(src); {
		lineStart := i
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		end := len(src)
		if j < len(src) && src[j] == '#' {
			end = ctoken.SkipPreprocessorLine(src, j)
			for ls := lineStart; ls < end; {
				le := ls
				for le < end && src[le] != '\n' {
					le++
				}
				if le > ls && src[le-1] == '\r' {
					le--
				}
				mid := ls + (le-ls)/2
				keys = append(keys, directiveKey{mid, "\n"}, directiveKey{mid, "x"}, directiveKey{le, "\n"}, directiveKey{le, "x"})
				for le < end && src[le] != '\n' {
					le++
				}
				ls = le + 1
			}
		} else {
			for end = j; end < len(src) && src[end] != '\n'; end++ {
			}
		}
		i = end + 1
	}
	return keys
}

// BenchmarkDirectiveKeys types each of directiveKeys into a Document open on
// the file HPYLINT_BENCH_FILE names, bringing the facts up to date after
// the key (timed) and after undoing it (not timed). It reports the p50 and
// p99 of the timed keys, how many of them read the whole file again and
// how many read the facts of more than half of it.
//
//	HPYLINT_BENCH_FILE=path go test ./analysis/cfacts -run '^$' -bench DirectiveKeys -benchtime 1x
func BenchmarkDirectiveKeys(b *testing.B) {
	path := os.Getenv("HPYLINT_BENCH_FILE")
	if path == "" {
		b.Skip("HPYLINT_BENCH_FILE names no file")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lang, ok := LangOf(path)
	if !ok {
		b.Fatalf("%s is no C or C++ file", path)
	}
	keys := directiveKeys(src)
	if len(keys) == 0 {
		b.Skip("no directive in the file")
	}
	doc, err := NewDocument(lang, src)
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	doc.Facts()
	var times []time.Duration
	full, half := 0, 0
	b.ResetTimer()
	for b.Loop() {
		times, full, half = times[:0], 0, 0
		for _, k := range keys {
			t0 := time.Now()
			doc.Edit(k.at, k.at, []byte(k.text))
			if doc.full {
				full++
			}
			doc.Facts()
			times = append(times, time.Since(t0))
			if doc.reread > len(src)/2 {
				half++
			}
			doc.Edit(k.at, k.at+len(k.text), nil)
			doc.Facts()
		}
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(keys)), "keys")
	b.ReportMetric(float64(full), "full-reads")
	b.ReportMetric(float64(half), "half-file-reads")
}
