package tomldoc

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

const spanDoc = `# leading comment
[build-system]
requires = [
    "setuptools>=64",  # trailing
    'hpy',
]
build-backend = "setuptools.build_meta"

[tool.hpylint]
severity.HPY108 = "info"
inline = { a = [1, 2 ], b = '''x''' }

[[tool.setuptools.ext-modules]]
name = "pkg._mod"
`

func slice(content string, s source.Span) string {
	if s.Start < 0 || s.End > len(content) || s.Start > s.End {
		return "<bad span>"
	}
	return content[s.Start:s.End]
}

func TestSpans(t *testing.T) {
	d, ps := Parse([]byte(spanDoc))
	if len(ps) > 0 {
		t.Fatal(messages(ps))
	}
	type spanCase struct {
		path               []string
		span, key, entry   string
		trailingComma, hdr string
	}
	tests := []spanCase{
		{path: []string{"build-system", "requires"},
			span: "[\n    \"setuptools>=64\",  # trailing\n    'hpy',\n]", key: "requires",
			entry: "requires = [\n    \"setuptools>=64\",  # trailing\n    'hpy',\n]", trailingComma: ","},
		{path: []string{"build-system", "build-backend"}, span: `"setuptools.build_meta"`, key: "build-backend",
			entry: `build-backend = "setuptools.build_meta"`},
		{path: []string{"build-system"}, key: "build-system", hdr: "[build-system]",
			span:  "[build-system]\nrequires = [\n    \"setuptools>=64\",  # trailing\n    'hpy',\n]\nbuild-backend = \"setuptools.build_meta\"",
			entry: "[build-system]"},
		{path: []string{"tool"}, key: "tool", span: "tool", entry: "tool"},
		{path: []string{"tool", "hpylint", "severity"}, key: "severity", span: "severity", entry: "severity"},
		{path: []string{"tool", "hpylint", "severity", "HPY108"}, key: "HPY108", span: `"info"`, entry: `severity.HPY108 = "info"`},
		{path: []string{"tool", "hpylint", "inline"}, key: "inline", span: "{ a = [1, 2 ], b = '''x''' }",
			entry: "inline = { a = [1, 2 ], b = '''x''' }"},
		{path: []string{"tool", "hpylint", "inline", "a"}, key: "a", span: "[1, 2 ]", entry: "a = [1, 2 ]"},
		{path: []string{"tool", "hpylint", "inline", "b"}, key: "b", span: "'''x'''", entry: "b = '''x'''"},
		{path: []string{"tool", "setuptools", "ext-modules"}, key: "ext-modules",
			span: "[[tool.setuptools.ext-modules]]", entry: "[[tool.setuptools.ext-modules]]"},
	}
	for _, tt := range tests {
		v, ok := d.Lookup(tt.path...)
		if !ok {
			t.Errorf("%v: not found", tt.path)
			continue
		}
		if got := slice(spanDoc, v.Span); got != tt.span {
			t.Errorf("%v: Span = %q, want %q", tt.path, got, tt.span)
		}
		if got := slice(spanDoc, v.KeySpan); got != tt.key {
			t.Errorf("%v: KeySpan = %q, want %q", tt.path, got, tt.key)
		}
		if got := slice(spanDoc, v.EntrySpan); got != tt.entry {
			t.Errorf("%v: EntrySpan = %q, want %q", tt.path, got, tt.entry)
		}
		if got := slice(spanDoc, v.TrailingComma); got != tt.trailingComma {
			t.Errorf("%v: TrailingComma = %q, want %q", tt.path, got, tt.trailingComma)
		}
		if tt.hdr != "" {
			if got := slice(spanDoc, v.Table.Header); got != tt.hdr {
				t.Errorf("%v: Header = %q, want %q", tt.path, got, tt.hdr)
			}
		}
	}

	bs, _ := d.Lookup("build-system")
	if got, want := slice(spanDoc, bs.Table.Section), spanDoc[strings.Index(spanDoc, "[build-system]"):strings.Index(spanDoc, "[tool.hpylint]")]; got != want {
		t.Errorf("build-system Section = %q, want %q", got, want)
	}
	if tool, _ := d.Lookup("tool"); tool.Table.Section != (source.Span{}) {
		t.Errorf("implicit table has a Section: %+v", tool.Table.Section)
	}

	req, _ := d.Lookup("build-system", "requires")
	for i, want := range []string{`"setuptools>=64"`, `'hpy'`} {
		if got := slice(spanDoc, req.Elems[i].Span); got != want {
			t.Errorf("requires[%d] = %q, want %q", i, got, want)
		}
	}
	if req.Elems[0].Quote != `"` || req.Elems[1].Quote != `'` {
		t.Errorf("quotes = %q %q", req.Elems[0].Quote, req.Elems[1].Quote)
	}
	ext, _ := d.Lookup("tool", "setuptools", "ext-modules")
	if !ext.ArrayOfTables || len(ext.Elems) != 1 {
		t.Fatalf("ext-modules: %+v", ext)
	}
	if got := slice(spanDoc, ext.Elems[0].Span); got != "[[tool.setuptools.ext-modules]]\nname = \"pkg._mod\"" {
		t.Errorf("element span = %q", got)
	}
	if ext.Elems[0].Table.Def != ArrayElement {
		t.Errorf("element def = %v", ext.Elems[0].Table.Def)
	}
	if sev, _ := d.Lookup("tool", "hpylint", "severity"); sev.Table.Def != Dotted {
		t.Errorf("severity def = %v, want Dotted", sev.Table.Def)
	}
	if tool, _ := d.Lookup("tool"); tool.Table.Def != Implicit {
		t.Errorf("tool def = %v, want Implicit", tool.Table.Def)
	}

	wantComments := []string{"# leading comment", "# trailing"}
	if len(d.Comments) != len(wantComments) {
		t.Fatalf("comments = %+v", d.Comments)
	}
	for i, c := range d.Comments {
		if c.Text != wantComments[i] || slice(spanDoc, c.Span) != wantComments[i] {
			t.Errorf("comment %d = %+v", i, c)
		}
	}
}

func TestTrailingCommaAbsent(t *testing.T) {
	for _, in := range []string{"a = [1, 2]", "a = []", "a = [\n  1\n]", "a = [1, # c\n 2 # d\n]"} {
		d, ps := Parse([]byte(in))
		if len(ps) > 0 {
			t.Fatal(messages(ps))
		}
		a, _ := d.Lookup("a")
		if a.TrailingComma != (source.Span{}) {
			t.Errorf("%q: TrailingComma = %+v", in, a.TrailingComma)
		}
	}
}

func TestLine(t *testing.T) {
	d, _ := Parse([]byte("a = 1\nb = 2\n\nc = 3"))
	for off, want := range map[int]int{0: 1, 5: 1, 6: 2, 12: 3, 13: 4, 18: 4, 100: 4} {
		if got := d.Line(off); got != want {
			t.Errorf("Line(%d) = %d, want %d", off, got, want)
		}
	}
	var nilDoc *Doc
	if nilDoc.Line(3) != 1 {
		t.Error("nil Doc Line")
	}
	if _, ok := nilDoc.Lookup("a"); ok {
		t.Error("nil Doc Lookup")
	}
}

func TestLookupMisses(t *testing.T) {
	d, _ := Parse([]byte("a = 1\n[t]\nx = [1]\n"))
	for _, p := range [][]string{{"b"}, {"a", "b"}, {"t", "x", "y"}, {"t", "y"}, {}} {
		if v, ok := d.Lookup(p...); ok {
			t.Errorf("Lookup(%q) = %+v, want miss", p, v)
		}
	}
}
