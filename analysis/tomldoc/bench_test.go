package tomldoc

import (
	"fmt"
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// manyKeys is a table of n one-line integer entries, the shape of a large
// generated pyproject.toml.
func manyKeys(n int) []byte {
	var sb strings.Builder
	sb.WriteString("[build-system]\nrequires = [\"setuptools\", \"hpy\"]\n\n[tool.x]\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "k%d = %d\n", i, i)
	}
	return []byte(sb.String())
}

// BenchmarkParseManyKeys shows how Parse grows with the number of keys:
// the per-byte figure should stay flat from one size to the next.
func BenchmarkParseManyKeys(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 500_000} {
		content := manyKeys(n)
		// The baseline: tree-sitter's parse alone, as the binding does it.
		b.Run(fmt.Sprintf("keys=%d/bare", n), func(b *testing.B) {
			b.SetBytes(int64(len(content)))
			p := sitter.NewParser()
			defer p.Close()
			_ = p.SetLanguage(language)
			for i := 0; i < b.N; i++ {
				p.Parse(content, nil).Close()
			}
		})
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(content)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parse(content) // not Parse: its memo would answer every call after the first
			}
		})
	}
}
