package meson

import "testing"

// FuzzRead checks that no input makes the lexer, parser or reader panic or
// loop, or produce a span outside the content.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"py = import('python').find_installation()\npy.extension_module('m', files('a.c'), c_args : ['-DHPY_ABI_UNIVERSAL'], dependencies : dependency('python3-embed'))",
		"add_project_arguments('-DHPY_ABI_HYBRID', language : 'c')\nif a\nelif b\nelse\nendif\nforeach x, y : {}\nendforeach",
		"x = '''", "x = f'@a@@'", `x = 'a\`, "f(a :", "[(", "x = a ? b :", "x.y(", `\`, "x = 0x",
		"shared_module()", "shared_module(1, 2, c_args : 3, dependencies : 4, name_prefix : 5)",
		"d = declare_dependency(dependencies : [declare_dependency(sources : x)])",
		"x = 'a' / 'b' + ['c'][0]\nx += 1\ny = not -x", "if\nendif\nforeach\nendforeach\nelse",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		out := Read("meson.build", content)
		check := func(start, end int) {
			if start < 0 || end > len(content) || start > end {
				t.Fatalf("span [%d,%d) outside content of %d bytes", start, end, len(content))
			}
		}
		for _, e := range out.Extensions {
			check(e.Decl.Start, e.Decl.End)
			check(e.Name.Span.Start, e.Name.Span.End)
			for _, v := range append(append(append(e.Sources, e.Defines...), e.IncludeDirs...), e.Libraries...) {
				check(v.Span.Start, v.Span.End)
			}
		}
		for _, p := range out.Problems {
			check(p.Span.Start, p.Span.End)
		}
		for _, c := range out.Comments {
			check(c.Span.Start, c.Span.End)
		}
		for _, a := range out.ABI {
			check(a.Span.Start, a.Span.End)
		}
		for _, u := range out.Unresolved {
			check(u.Span.Start, u.Span.End)
		}
	})
}
