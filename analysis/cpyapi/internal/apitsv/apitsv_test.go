package apitsv

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestReadRows(t *testing.T) {
	rows, err := ReadRows([]byte("# comment\n\na\tb\nx\t\n# more\ny\tz\r\n"), "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"x", ""}, {"y", "z"}}; !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
	for _, bad := range []string{"a\tc\nx\ty\n", "a\tb\nx\n", "a\tb\nx\ty\tz\n", "# only a comment\n"} {
		if _, err := ReadRows([]byte(bad), "a", "b"); err == nil {
			t.Errorf("ReadRows(%q) accepted a malformed table", bad)
		}
	}
}

func TestEquivalentsRules(t *testing.T) {
	apis := []API{
		{"HPy_Dup", "ctx_function", "Py_XINCREF"},
		{"HPyField_Store", "ctx_function", "Py_XINCREF"},
		{"HPyErr_Occurred", "ctx_function", "ctx_Err_Occurred"}, // backend helper, not CPython
		{"HPy_Is", "ctx_function", "-"},
		{"HPy_tp_new", "slot", "-"},
		{"HPy_tp_destroy", "slot", "-"},
		{"h_None", "ctx_handle", "-"},
		{"h_BaseObjectType", "ctx_handle", "-"},
		{"h_TypeType", "ctx_handle", "-"},
		{"h_ValueError", "ctx_handle", "-"},
		{"h_BaseException", "ctx_handle", "-"},
		{"h_GeneratorExit", "ctx_handle", "-"},
		{"h_Builtins", "ctx_handle", "-"}, // no CPython global
		{"h_Whatever", "ctx_handle", "-"}, // unknown shape: left unmapped
	}
	var got []string
	for _, e := range Equivalents(apis) {
		got = append(got, e.CPython+"="+e.HPy+"/"+e.Via)
	}
	want := []string{
		"PyBaseObject_Type=ctx->h_BaseObjectType/handle",
		"PyExc_BaseException=ctx->h_BaseException/handle",
		"PyExc_GeneratorExit=ctx->h_GeneratorExit/handle",
		"PyExc_ValueError=ctx->h_ValueError/handle",
		"PyType_Type=ctx->h_TypeType/handle",
		"Py_None=ctx->h_None/handle",
		"Py_XINCREF=HPyField_Store/call",
		"Py_XINCREF=HPy_Dup/call",
		"Py_tp_dealloc=HPy_tp_destroy/slot",
		"Py_tp_new=HPy_tp_new/slot",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Equivalents:\n got %q\nwant %q", got, want)
	}
}

func TestGenerateIgnoresInputOrder(t *testing.T) {
	apis := []API{
		{"HPy_Dup", "ctx_function", "Py_XINCREF"},
		{"HPyField_Store", "ctx_function", "Py_XINCREF"},
		{"h_None", "ctx_handle", "-"},
	}
	e1, n1 := Generate(apis)
	slices.Reverse(apis)
	e2, n2 := Generate(apis)
	if !bytes.Equal(e1, e2) || !bytes.Equal(n1, n2) {
		t.Error("output depends on input order")
	}
	rows, err := ReadRows(e1, EquivalentsHeader...)
	if err != nil || len(rows) != 3 {
		t.Errorf("generated equivalents do not read back: %v, %q", err, rows)
	}
	if !strings.HasPrefix(string(n1), "# Code generated") {
		t.Error("generated names lack the generated-code header")
	}
}
