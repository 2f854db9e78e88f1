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
		// Old Mac files end lines with a lone CR; GCC reads it as a line end.
		{"directive ends at a lone CR", SkipPreprocessorLine, "#include <a.h>\rint x;", 14},
		{"directive ends at the LF of CRLF", SkipPreprocessorLine, "#include <a.h>\r\nint x;", 15},
		{"continuation with CR", SkipPreprocessorLine, "#define A \\\r 1\rx", 14},
		{"continuation with CRLF", SkipPreprocessorLine, "#define A \\\r\n 1\r\nx", 16},
		{"line comment ends at a lone CR", SkipComment, "// a\rx", 4},
		{"line comment continued with CR", SkipComment, "// a \\\r b\rx", 9},
		{"unterminated string stops at a lone CR", SkipQuoted, "\"ab\rcd", 3},
		{"string continued with CRLF", SkipQuoted, "\"a\\\r\nb\"x", 7},
	} {
		if got := c.skip([]byte(c.src), 0); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		src  string
		want int
	}{{"a", 0}, {"\n", 1}, {"\r", 1}, {"\r\n", 2}, {"\n\r", 1}, {"\r\r", 1}} {
		if got := SkipLineEnd([]byte(c.src), 0); got != c.want {
			t.Errorf("SkipLineEnd(%q) = %d, want %d", c.src, got, c.want)
		}
	}
	if !IsLineEnd([]byte("\r"), 0) || IsLineEnd([]byte("\r\n"), 0) || !IsLineEnd([]byte("\r\n"), 1) || IsLineEnd([]byte("a"), 0) {
		t.Error("IsLineEnd")
	}
	if !IsIdentStart('_') || IsIdentStart('1') || !IsIdentPart('1') || IsIdentPart('-') {
		t.Error("identifier classes")
	}
}

func TestSkipSpace(t *testing.T) {
	for _, c := range []struct {
		src   string
		next  int
		ended bool
	}{
		{" \t\f\vx", 4, false},
		{" \n x", 3, true},
		{"\r\nx", 2, true},
		{"\rx", 1, true}, // a lone CR, as GCC reads old Mac files
		{" \r", 2, true},
		{"x ", 0, false},
	} {
		next, ended := SkipSpace([]byte(c.src), 0)
		if next != c.next || ended != c.ended {
			t.Errorf("SkipSpace(%q) = %d, %v; want %d, %v", c.src, next, ended, c.next, c.ended)
		}
	}
}
