package rules

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// A finding on a skipped definition covers its first line, whatever ends
// it: LF, CRLF or a lone CR (old Mac files).
func TestFirstLineEndsAtAnyLineEnd(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{{"abc\ndef", 3}, {"abc\r\ndef", 4}, {"abc\rdef", 3}, {"abcdef", 6}} {
		if got := firstLine([]byte(c.src), source.Span{Start: 0, End: len(c.src)}); got.End != c.want {
			t.Errorf("firstLine(%q) ends at %d, want %d", c.src, got.End, c.want)
		}
	}
}
