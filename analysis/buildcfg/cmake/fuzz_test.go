package cmake

import "testing"

// FuzzRead checks that no input makes the parser or reader panic, loop, or
// produce a span outside the content.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"add_library(m MODULE a.c)\ntarget_compile_definitions(m PRIVATE HPY_ABI_UNIVERSAL)",
		"set(A [==[x]==] \"y\\\nz\" ${A}${${B}})\nlist(APPEND A ${A})",
		"#[[ c ]] # d\nif((A)) f(\"",
		"foo(", "foo([=[", "\\", "#[==[", "f(a\\", "f($(X)", "f(-D\"", "f(${", "function(x)\nmacro(y)",
		"set_target_properties(m PROPERTIES PREFIX)", "set_property(TARGET m PROPERTY)",
		"add_library(m MODULE)\ntarget_compile_options(m PRIVATE -D -I SHELL:)",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		out := Read("CMakeLists.txt", content)
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
		for _, u := range out.Unresolved {
			check(u.Span.Start, u.Span.End)
		}
		for _, a := range out.ABI {
			check(a.Span.Start, a.Span.End)
		}
	})
}
