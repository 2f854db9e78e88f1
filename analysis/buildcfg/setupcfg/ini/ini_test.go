package ini

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

func text(content string, s source.Span) string {
	if s.Start < 0 || s.End > len(content) || s.Start > s.End {
		return "<bad span>"
	}
	return content[s.Start:s.End]
}

const sample = `# top comment
[metadata]
name = demo
Version: 1.0

[options]
; comment before
setup_requires =
    hpy>=0.9
    # a comment inside the value

    setuptools
install_requires = numpy; scipy
empty =
  [not a header]

[weird name] trailing
key=value=more
colon : a: b
`

func TestParse(t *testing.T) {
	f := Parse([]byte(sample))
	if len(f.Problems) > 0 {
		t.Fatalf("problems: %+v", f.Problems)
	}
	type entry struct{ section, key, rawKey, value, span string }
	want := []entry{
		{"metadata", "name", "name", "demo", "demo"},
		{"metadata", "version", "Version", "1.0", "1.0"},
		{"options", "setup_requires", "setup_requires", "\nhpy>=0.9\n\nsetuptools", "hpy>=0.9\n    # a comment inside the value\n\n    setuptools"},
		{"options", "install_requires", "install_requires", "numpy; scipy", "numpy; scipy"},
		{"options", "empty", "empty", "\n[not a header]", "[not a header]"},
		{"weird name", "key", "key", "value=more", "value=more"},
		{"weird name", "colon", "colon", "a: b", "a: b"},
	}
	var got []entry
	for _, s := range f.Sections {
		if text(sample, s.NameSpan) != s.Name || text(sample, s.Header) != "["+s.Name+"]" {
			t.Errorf("section %q spans: %q %q", s.Name, text(sample, s.NameSpan), text(sample, s.Header))
		}
		for _, e := range s.Entries {
			if text(sample, e.KeySpan) != e.RawKey {
				t.Errorf("%s: KeySpan = %q", e.Key, text(sample, e.KeySpan))
			}
			for _, l := range e.Lines {
				if text(sample, l.Span) != l.Text {
					t.Errorf("%s: line %q has span %q", e.Key, l.Text, text(sample, l.Span))
				}
			}
			got = append(got, entry{s.Name, e.Key, e.RawKey, e.Value(), text(sample, e.Span)})
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n got  %q\n want %q", got, want)
	}
	wantComments := []string{"# top comment", "; comment before", "# a comment inside the value"}
	var comments []string
	for _, c := range f.Comments {
		comments = append(comments, c.Text)
		if text(sample, c.Span) != c.Text {
			t.Errorf("comment span %q", text(sample, c.Span))
		}
	}
	if !reflect.DeepEqual(comments, wantComments) {
		t.Errorf("comments = %q", comments)
	}
	if e := f.Section("options").Get("SETUP_REQUIRES"); e == nil || len(e.NonEmptyLines()) != 2 {
		t.Errorf("Get(SETUP_REQUIRES) = %+v", e)
	}
	if f.Section("nope") != nil || f.Section("options").Get("nope") != nil {
		t.Error("lookups of missing names should be nil")
	}
	var nilFile *File
	if nilFile.Section("x").Get("y") != nil {
		t.Error("nil lookups")
	}
}

func TestEmptyValueSpan(t *testing.T) {
	in := "[s]\nk =\nj = \n"
	f := Parse([]byte(in))
	for key, off := range map[string]int{"k": 7, "j": 11} {
		e := f.Section("s").Get(key)
		if e.Span != (source.Span{Start: off, End: off}) || e.Value() != "" {
			t.Errorf("%s: Span = %+v, Value = %q", key, e.Span, e.Value())
		}
	}
}

func TestLineEndings(t *testing.T) {
	in := "[s]\r\nk = a\r\n  b\r\n"
	f := Parse([]byte(in))
	e := f.Section("s").Get("k")
	if e.Value() != "a\nb" || text(in, e.Span) != "a\r\n  b" {
		t.Errorf("Value = %q, Span = %q", e.Value(), text(in, e.Span))
	}
}

func TestIndentedKeysAreNotContinuations(t *testing.T) {
	// A key line indented like the previous key starts a new option.
	in := "[s]\n  a = 1\n  b = 2\n    c\n"
	f := Parse([]byte(in))
	s := f.Section("s")
	if s.Get("a").Value() != "1" || s.Get("b").Value() != "2\nc" {
		t.Errorf("a = %q, b = %q", s.Get("a").Value(), s.Get("b").Value())
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		lines    []int
		spans    []string
	}{
		{"key before any section", "k = v\n[s]\n", []string{`"k = v" is not inside a [section]`}, []int{1}, []string{"k = v"}},
		{"no delimiter", "[s]\njust words\n", []string{`expected "key = value", found "just words"`}, []int{2}, []string{"just words"}},
		{"missing key", "[s]\n = v\n", []string{`missing key before "="`}, []int{2}, []string{"= v"}},
		{"bad header", "[s]\n[\n[]\n", []string{`invalid section header "["`, `invalid section header "[]"`}, []int{2, 3}, []string{"[", "[]"}},
		{"duplicate section", "[s]\na = 1\n\n[s]\nb = 2\n", []string{`section [s] is already defined at line 1`}, []int{4}, []string{"s"}},
		{"duplicate key", "[s]\nKey = 1\nkey = 2\n", []string{`duplicate key "key" in section [s] (first at line 2)`}, []int{3}, []string{"key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse([]byte(tt.in))
			var msgs []string
			var lines []int
			var spans []string
			for _, p := range f.Problems {
				msgs = append(msgs, p.Message)
				lines = append(lines, p.Line)
				spans = append(spans, text(tt.in, p.Span))
			}
			if !reflect.DeepEqual(msgs, tt.want) || !reflect.DeepEqual(lines, tt.lines) || !reflect.DeepEqual(spans, tt.spans) {
				t.Errorf("got %q %v %q\nwant %q %v %q", msgs, lines, spans, tt.want, tt.lines, tt.spans)
			}
		})
	}
	// Options of a repeated section are merged into the first.
	f := Parse([]byte("[s]\na = 1\n[s]\nb = 2\n"))
	if len(f.Sections) != 1 || f.Section("s").Get("b") == nil {
		t.Errorf("sections = %+v", f.Sections)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("[s]\r\nk =\r\n\r\n  v\r\n[\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		file := Parse(content)
		in := string(content)
		check := func(s source.Span) {
			if s.Start < 0 || s.Start > s.End || s.End > len(in) {
				t.Fatalf("span %+v outside %d bytes", s, len(in))
			}
		}
		for _, s := range file.Sections {
			check(s.Header)
			for _, e := range s.Entries {
				check(e.KeySpan)
				check(e.Span)
				for _, l := range e.Lines {
					check(l.Span)
					if in[l.Span.Start:l.Span.End] != l.Text {
						t.Fatalf("line text %q != span text", l.Text)
					}
				}
			}
		}
		for _, p := range file.Problems {
			check(p.Span)
		}
	})
}

// A file that is not INI at all gets a bounded report that says how much
// was left out, and the options around the bad lines are still read.
func TestProblemsAreBounded(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("[s]\nfirst = 1\n")
	for i := 0; i < 500; i++ {
		sb.WriteString("no delimiter here\nfirst = again\n")
	}
	sb.WriteString("last = 2\n")
	f := Parse([]byte(sb.String()))
	if len(f.Problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(f.Problems), maxProblems+1)
	}
	if got, want := f.Problems[maxProblems].Message, "950 more problems not shown"; got != want {
		t.Errorf("last problem = %q, want %q", got, want)
	}
	if f.Section("s").Get("last") == nil || f.Section("s").Get("first").Value() != "1" {
		t.Errorf("options around the bad lines were not read: %+v", f.Section("s").Entries)
	}
	if got := f.Problems[1].Message; !strings.Contains(got, "first at line 2") {
		t.Errorf("duplicate reported as %q, want the line of the first definition", got)
	}
}

// BenchmarkParseManyOptions shows Parse linear in the number of options
// and sections (ns/op grows tenfold from one size to the next).
func BenchmarkParseManyOptions(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			if i%1000 == 0 {
				fmt.Fprintf(&sb, "[section%d]\n", i/1000)
			}
			fmt.Fprintf(&sb, "k%d = value %d\n", i, i)
		}
		content := []byte(sb.String())
		b.Run(fmt.Sprintf("options=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(content)))
			for i := 0; i < b.N; i++ {
				Parse(content)
			}
		})
	}
}
