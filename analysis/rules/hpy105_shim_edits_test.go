package rules

import (
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/fix"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The shim lines go on the line after HPy_MODINIT, whatever ends that line.
func TestUseLinesEditPlacement(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"LF", "a\nHPy_MODINIT(m, d)\nrest\n", "a\nHPy_MODINIT(m, d)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\nrest\n"},
		{"trailing comment", "HPy_MODINIT(m, d)  // hpylint: ignore[HPY102]\n", "HPy_MODINIT(m, d)  // hpylint: ignore[HPY102]\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\n"},
		{"CRLF", "HPy_MODINIT(m, d)\r\nrest\r\n", "HPy_MODINIT(m, d)\r\n#include \"hpy_cpython_entrypoint.h\"\r\nHPY_CPYTHON_ENTRYPOINT(m)\r\nrest\r\n"},
		{"CR (old Mac)", "HPy_MODINIT(m, d)\rrest\r", "HPy_MODINIT(m, d)\r#include \"hpy_cpython_entrypoint.h\"\rHPY_CPYTHON_ENTRYPOINT(m)\rrest\r"},
		{"CR at the end of file", "HPy_MODINIT(m, d)\r", "HPy_MODINIT(m, d)\r#include \"hpy_cpython_entrypoint.h\"\rHPY_CPYTHON_ENTRYPOINT(m)\r"},
		{"end of file without newline", "HPy_MODINIT(m, d)", "HPy_MODINIT(m, d)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := strings.Index(c.src, "HPy_MODINIT")
			m := cfacts.MacroCall{Name: "HPy_MODINIT", Span: source.Span{Start: start, End: start + len("HPy_MODINIT(m, d)")}}
			u := &model.Unit{Path: "m.c", File: &source.File{Path: "m.c", Content: []byte(c.src)}}
			e := useLinesEdit(u, m, "m")
			if got := string(fix.Apply([]byte(c.src), []diag.Edit{e})); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// Deleting a hand-written PyInit_ takes its whole lines, and only those.
func TestWholeLines(t *testing.T) {
	src := "int a;\n  PyObject *PyInit_m(void) { return 0; }  \nint b;\nint c; PyObject *PyInit_n(void) { return 0; }\n"
	fn := strings.Index(src, "PyObject *PyInit_m")
	end := strings.Index(src, "}  \n") + 1
	got := wholeLines([]byte(src), source.Span{Start: fn, End: end})
	if src[got.Start:got.End] != "  PyObject *PyInit_m(void) { return 0; }  \n" {
		t.Errorf("own lines: %q", src[got.Start:got.End])
	}
	shared := strings.Index(src, "PyObject *PyInit_n")
	s := source.Span{Start: shared, End: len(src) - 1}
	if wholeLines([]byte(src), s) != s {
		t.Errorf("a definition sharing its line must keep its exact span")
	}
}
