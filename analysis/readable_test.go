package analysis

import (
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// Latin-1 in a comment is parsed; text with a UTF-16 or UTF-32 byte
// order mark is not (its bytes are never UTF-8).
func TestUnparseable(t *testing.T) {
	for _, c := range []struct {
		content string
		refused bool
	}{
		{"int x; /* caf\xe9 */\n", false},
		{"int x;\n", false},
		{"\xff\xfe\x41\x30\x42\x30", true}, // UTF-16LE with no NUL: no binary test refuses it
		{"\xfe\xff\x30\x41\x30\x42", true},
	} {
		got := unparseable(&source.File{Path: "a.c", Content: []byte(c.content)}) != ""
		if got != c.refused {
			t.Errorf("%q: refused %v, want %v", c.content, got, c.refused)
		}
	}
}
