package cfacts

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// GCC ends a line at a lone CR (old Mac files) as at a LF. A file whose
// lines end so has the facts of the same file with LFs: same spans, and
// text that differs only in its line breaks. Before CR counted, a
// directive ran to the end of the file and took every definition with it.
func TestLoneCRLinesReadAsLF(t *testing.T) {
	for _, name := range testdataFiles {
		lf, lang := readTestdata(t, name)
		want, err := Extract(lang, lf)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Extract(lang, bytes.ReplaceAll(lf, []byte("\n"), []byte("\r")))
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Includes) == 0 || len(want.Functions) == 0 {
			t.Fatalf("%s: the test needs includes and functions", name)
		}
		g, w := deepCopyOf(got), deepCopyOf(want)
		crToLF(reflect.ValueOf(g).Elem())
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s with CR line ends: facts differ:\n%s", name, factsDiff(g, w))
		}
	}
}

// A Document edited into and out of CR line ends keeps the facts of a
// fresh Extract: the parsed copy's CRs follow the edits.
func TestDocumentFollowsCRLines(t *testing.T) {
	documentMatchesExtract(t, func(src []byte) []byte { return bytes.ReplaceAll(src, []byte("\n"), []byte("\r")) },
		"\r", "\r\n", "#define R 1\r", "static int r(void) { return 0; }\r")
}

// crToLF turns every CR in the strings under v into a LF.
func crToLF(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(strings.ReplaceAll(v.String(), "\r", "\n"))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				crToLF(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			crToLF(v.Index(i))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			crToLF(v.Elem())
		}
	}
}
