package source

import "testing"

func TestNULAt(t *testing.T) {
	for _, c := range []struct {
		content string
		want    int
	}{{"int x;\n", -1}, {"ab\x00c\x00", 2}, {"", -1}} {
		f := &File{Path: "f.c", Content: []byte(c.content)}
		if got := f.NULAt(); got != c.want {
			t.Errorf("NULAt(%q) = %d, want %d", c.content, got, c.want)
		}
		if got := f.NULAt(); got != c.want {
			t.Errorf("NULAt(%q) the second time = %d, want %d", c.content, got, c.want)
		}
	}
}
