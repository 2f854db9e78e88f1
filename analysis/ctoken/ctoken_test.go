package ctoken

import "testing"

func TestSkips(t *testing.T) {
	for _, c := range []struct {
		name string
		skip func([]byte, int) int
		src  string
		want int
	}{
		{"line comment ends at its newline, past continuations", SkipComment, "// a \\\n b\nx", 9},
		{"block comment", SkipComment, "/* a\n */x", 8},
		{"unterminated block comment", SkipComment, "/* a", 4},
		{"string with escape", SkipQuoted, `"a\"b"x`, 6},
		{"unterminated string stops at the line", SkipQuoted, "\"ab\ncd", 3},
		{"directive with continuation", SkipPreprocessorLine, "#define A \\\n 1\nx", 14},
		{"directive with a comment across lines", SkipPreprocessorLine, "#if A /* x\n y */\nz", 16},
		{"trailing backslash", SkipPreprocessorLine, "#define A \\", 11},
	} {
		if got := c.skip([]byte(c.src), 0); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	if !IsIdentStart('_') || IsIdentStart('1') || !IsIdentPart('1') || IsIdentPart('-') {
		t.Error("identifier classes")
	}
}
