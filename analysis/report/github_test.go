package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestGitHubWorkflowCommands(t *testing.T) {
	f := newFixture()
	var buf bytes.Buffer
	if err := GitHub(&buf, f.diagnostics(), f.lines, Repo{Root: "/repo", Prefix: "proj"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Columns count characters, like the text report: "/* π 😀 */ " is 10.
		`::error file=proj/src/mod.c,line=2,col=23,endLine=2,endColumn=26,title=HPY102 modinit-name-mismatch::HPy_MODINIT name "bad" does not match extension "pkg._mod"`,
		`::warning file=proj/odd dir/a%2Cb%3Ac.c,line=2,col=1,endLine=2,endColumn=15,title=HPY108 legacy-modinit-form::100%25 legacy%0D%0Asecond line, with: punctuation`,
		`::notice file=proj/setup.py,line=2,col=7,endLine=2,endColumn=22,title=HPY405 unresolved-extension::cannot evaluate`,
		`::error file=outside/lib.c,line=1,col=5,endLine=1,endColumn=6,title=HPY201 cpython-symbol-in-universal::outside the repository`,
	}
	got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	cases := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"50%", "50%25", "50%25"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"}, // an escape sequence in the input is not an escape
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	}
	for _, c := range cases {
		if got := escapeData(c.in); got != c.data {
			t.Errorf("escapeData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := escapeProperty(c.in); got != c.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}

func TestRepoRel(t *testing.T) {
	cases := []struct {
		repo    Repo
		in, out string
		outside bool
	}{
		{Repo{}, "src/a.c", "src/a.c", false},
		{Repo{Root: "/r", Prefix: "."}, "src/a.c", "src/a.c", false},
		{Repo{Root: "/r", Prefix: "sub/dir"}, "../x.c", "sub/x.c", false},
		{Repo{Root: "/r", Prefix: "sub"}, "../../x.c", "../x.c", true},
		{Repo{Root: "/r"}, "/r/a/b.c", "a/b.c", false},
		{Repo{Root: "/r"}, "/rx/b.c", "/rx/b.c", true},
	}
	for _, c := range cases {
		out, outside := c.repo.Rel(c.in)
		if out != c.out || outside != c.outside {
			t.Errorf("%+v.Rel(%q) = %q, %v; want %q, %v", c.repo, c.in, out, outside, c.out, c.outside)
		}
	}
}
