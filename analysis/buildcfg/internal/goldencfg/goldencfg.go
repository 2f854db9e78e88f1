// Package goldencfg is the golden-file harness the build-config readers
// share: a rendering of what a reader found that shows every span as the
// text it covers, compared with a golden.txt beside each fixture.
package goldencfg

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/source"
)

// Render prints what a reader found with line:col positions and the text
// each span slices to, so a golden file shows exactly where every finding
// points.
func Render(f *buildcfg.File, content []byte) string {
	var b strings.Builder
	at := func(s source.Span) string {
		if s.Start < 0 || s.End > len(content) || s.Start > s.End {
			return fmt.Sprintf("BAD SPAN %v", s)
		}
		return fmt.Sprintf("%s %q", lineCol(content, s), content[s.Start:s.End])
	}
	val := func(kind string, v buildcfg.StringValue) {
		fmt.Fprintf(&b, "  %s %q at %s\n", kind, v.Value, at(v.Span))
	}
	for _, e := range f.Extensions {
		fmt.Fprintf(&b, "extension %q kind=%d at %s\n", e.Name.Value, e.Kind, at(e.Name.Span))
		fmt.Fprintf(&b, "  decl %s\n", lineCol(content, e.Decl))
		for _, v := range e.Sources {
			val("source", v)
		}
		for _, v := range e.IncludeDirs {
			val("include", v)
		}
		for _, v := range e.Defines {
			val("define", v)
		}
		for _, v := range e.Libraries {
			val("library", v)
		}
		if e.ABI != nil {
			fmt.Fprintf(&b, "  abi %s %q at %s\n", e.ABI.ABI, e.ABI.Text, at(e.ABI.Span))
		}
	}
	for _, a := range f.ABI {
		fmt.Fprintf(&b, "file abi %s %q at %s\n", a.ABI, a.Text, at(a.Span))
	}
	for _, v := range f.IncludeDirs {
		fmt.Fprintf(&b, "file include %q at %s\n", v.Value, at(v.Span))
	}
	for _, v := range f.Libraries {
		fmt.Fprintf(&b, "file library %q at %s\n", v.Value, at(v.Span))
	}
	for _, u := range f.Unresolved {
		fmt.Fprintf(&b, "unresolved %q at %s\n", u.What, lineCol(content, u.Span))
	}
	for _, p := range f.Problems {
		fmt.Fprintf(&b, "problem %q at %s\n", p.Message, at(p.Span))
	}
	for _, c := range f.Comments {
		if c.Text != string(content[c.Span.Start:c.Span.End]) {
			fmt.Fprintf(&b, "comment TEXT MISMATCH %q\n", c.Text)
		}
		fmt.Fprintf(&b, "comment at %s\n", lineCol(content, c.Span))
	}
	return b.String()
}

// lineCol renders a span as 1-based line:col-line:col (columns in bytes).
func lineCol(content []byte, s source.Span) string {
	pos := func(off int) string {
		line, col := 1, 1
		for i := 0; i < off && i < len(content); i++ {
			if content[i] == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return fmt.Sprintf("%d:%d", line, col)
	}
	return pos(s.Start) + "-" + pos(s.End)
}

// Check reads every fixture matching pattern (a glob of files named
// fileName, one per directory), renders what read finds and compares it
// with the golden.txt beside it; update rewrites the golden files.
func Check(t *testing.T, pattern, fileName string, update bool, read func(path string, content []byte) *buildcfg.File) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := Render(read(name+"/"+fileName, content), content)
			golden := filepath.Join(filepath.Dir(path), "golden.txt")
			if update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("mismatch with %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
			}
		})
	}
}

// Line is the 1-based line a span starts on.
func Line(content []byte, s source.Span) int {
	return strings.Count(string(content[:s.Start]), "\n") + 1
}

// Slice is the text a span covers.
func Slice(content []byte, s source.Span) string { return string(content[s.Start:s.End]) }

// Values joins string values with "|", for compact expectations.
func Values(vs []buildcfg.StringValue) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.Value
	}
	return strings.Join(s, "|")
}
