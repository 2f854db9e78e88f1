package factstore

import (
	"os"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// The codec must cost far less than the parse it saves. Over the trees of
// HPYLINT_REAL_TREES (else the testdata):
//
//	go test ./analysis/factstore -run '^$' -bench . -count 5
type corpusFile struct {
	lang  cfacts.Lang
	src   []byte
	facts *cfacts.Facts
	entry []byte
}

func benchCorpus(b *testing.B) []corpusFile {
	roots := []string{"../../testdata"}
	if trees := os.Getenv("HPYLINT_REAL_TREES"); trees != "" {
		roots = strings.Split(trees, ":")
	}
	var out []corpusFile
	for p, lang := range sourcesUnder(b, roots...) {
		src, err := os.ReadFile(p)
		if err != nil || len(src) > 8<<20 {
			continue
		}
		f, err := cfacts.Extract(lang, src)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, corpusFile{lang, src, f, encodeFacts(f)})
	}
	return out
}

func reportSizes(b *testing.B, files []corpusFile) {
	src, enc := 0, 0
	for _, f := range files {
		src, enc = src+len(f.src), enc+len(f.entry)
	}
	b.ReportMetric(float64(src)/1e6, "src-MB")
	b.ReportMetric(float64(enc)/1e6, "facts-MB")
}

func BenchmarkExtract(b *testing.B) {
	files := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if _, err := cfacts.Extract(f.lang, f.src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEncodeFacts(b *testing.B) {
	files := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			encodeFacts(f.facts)
		}
	}
	reportSizes(b, files)
}

func BenchmarkDecodeFacts(b *testing.B) {
	files := benchCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if _, err := decodeFacts(f.entry); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportSizes(b, files)
}
