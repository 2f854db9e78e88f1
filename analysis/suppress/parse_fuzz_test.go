package suppress

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/textpos"
)

// Parse on arbitrary content, with the comments a simple scanner finds in
// it (// and /* */ as in C, # and ; as in the build files): it never
// panics, every directive and problem lies inside the file, each code's
// span holds its text, and the line a directive applies to is a line of
// the file or the one after its last.
func FuzzParse(f *testing.F) {
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil && len(src) <= 64<<10 && bytes.Contains(src, []byte(directivePrefix)) {
			f.Add(src)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("x; // hpylint: ignore[HPY201, ,HPY202 ] reason\n/* hpylint:ignore-file[HPY102]*/\n# hpylint: ignore[\n"))
	f.Add([]byte("/*hpylint: ignore[HPY201]"))
	f.Fuzz(func(t *testing.T, content []byte) {
		if len(content) > 64<<10 {
			t.Skip("larger than a fuzz input may be")
		}
		comments := scanComments(content)
		known := func(code string) bool { return strings.HasPrefix(code, "HPY") }
		dirs, problems := Parse("f.c", content, comments, known)
		inside := func(what string, s source.Span) {
			if s.Start < 0 || s.Start > s.End || s.End > len(content) {
				t.Fatalf("%s [%d,%d) is not inside the %d bytes of the file", what, s.Start, s.End, len(content))
			}
		}
		lines := textpos.New(content).Lines()
		for _, d := range dirs {
			inside("directive", d.Comment)
			if d.Path != "f.c" {
				t.Fatalf("directive of %q", d.Path)
			}
			if len(d.Codes) == 0 {
				t.Fatalf("directive at %v without codes", d.Comment)
			}
			for _, c := range d.Codes {
				inside("code "+c.Text, c.Span)
				if c.Span.Start < d.Comment.Start || c.Span.End > d.Comment.End {
					t.Fatalf("code %q at %v outside its comment %v", c.Text, c.Span, d.Comment)
				}
				if got := string(content[c.Span.Start:c.Span.End]); got != c.Text {
					t.Fatalf("code %q spans %q", c.Text, got)
				}
				if !known(c.Text) {
					t.Fatalf("unknown code %q accepted", c.Text)
				}
			}
			if !d.File && (d.Line < 0 || d.Line > lines) {
				t.Fatalf("directive applies to line %d of %d", d.Line, lines)
			}
		}
		for _, p := range problems {
			inside("problem", p.Location.Span)
			if p.Message == "" {
				t.Fatal("problem without a message")
			}
		}
	})
}

// scanComments finds comments as the readers would hand them over: each
// with its text exactly the content of its span.
func scanComments(src []byte) []source.Comment {
	var out []source.Comment
	add := func(start, end int) {
		out = append(out, source.Comment{Span: source.Span{Start: start, End: end}, Text: string(src[start:end])})
	}
	for i := 0; i < len(src); {
		switch {
		case bytes.HasPrefix(src[i:], []byte("/*")):
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				add(i, len(src)) // unfinished, as a truncated file has it
				return out
			}
			add(i, i+2+end+2)
			i += 2 + end + 2
		case bytes.HasPrefix(src[i:], []byte("//")), src[i] == '#', src[i] == ';':
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			add(i, i+end)
			i += end
		default:
			i++
		}
	}
	return out
}
