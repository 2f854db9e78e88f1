package cfacts

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A module init function of a few hundred statements, as numpy-hpy's is,
// then the same function with a broken statement.
func longBodies() string {
	var b strings.Builder
	b.WriteString("#include <Python.h>\nstatic PyObject *helper(int i) { return PyLong_FromLong(i); }\n")
	for _, name := range []string{"setup_clean", "setup_broken"} {
		fmt.Fprintf(&b, "static int %s(PyObject *m)\n{\n    PyObject *s;\n", name)
		for i := range 300 {
			fmt.Fprintf(&b, "    s = helper(%d);\n    if (PyModule_AddObject(m, \"c%d\", s) < 0) {\n        return -1;\n    }\n", i, i)
			if name == "setup_broken" && i == 150 {
				b.WriteString("    s = helper(1 +;\n")
			}
		}
		b.WriteString("    return 0;\n}\n")
	}
	return b.String()
}

// A key inside an unbroken function body reads the facts of the statements
// it reached, not of the whole function; in a body with a syntax error it
// reads the function, as it did before. Either way the facts are Extract's.
func TestKeyInAFunctionBodyReadsItsStatements(t *testing.T) {
	src := longBodies()
	for _, c := range []struct {
		name, in, at string
		text         string
		most         int // bytes whose facts the key may read again
	}{
		{"Enter in an unbroken body", "setup_clean", "    s = helper(200);", "\n", 200},
		{"a letter in an unbroken body", "setup_clean", "helper(200);", "x", 200},
		{"a new call in an unbroken body", "setup_clean", "    s = helper(200);", "PyErr_Clear();\n", 200},
		{"Enter in a broken body", "setup_broken", "    s = helper(200);", "\n", len(src)},
	} {
		t.Run(c.name, func(t *testing.T) {
			fn := strings.Index(src, c.in)
			at := fn + strings.Index(src[fn:], c.at)
			d, err := NewDocument(C, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			d.Facts()
			d.Edit(at, at, []byte(c.text))
			got := d.Facts()
			if d.reread > c.most {
				t.Errorf("the key read the facts of %d bytes again, want at most %d", d.reread, c.most)
			}
			if whole := len(src) - fn; c.most > 200 && d.reread < whole {
				t.Errorf("the key in a broken body read %d bytes, want the whole function's %d", d.reread, whole)
			}
			want := must(Extract(C, d.Content()))
			if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
				t.Errorf("facts differ from Extract's:\n%s", factsDiff(g, w))
			}
			d.Edit(at, at+len(c.text), nil)
			if g, w := deepCopyOf(d.Facts()), deepCopyOf(must(Extract(C, []byte(src)))); !reflect.DeepEqual(g, w) {
				t.Errorf("after undoing the key, facts differ from Extract's:\n%s", factsDiff(g, w))
			}
		})
	}
}

// Typing a call into a body, "(" then ")", reads again the function it is
// in, not the rest of the file: the open parenthesis took every item start
// after it away, and the rest of the file became one segment, parsed and
// read afresh.
func TestAnOpenParenthesisKeepsTheSegmentsAfterIt(t *testing.T) {
	typeIntoABody(t, "g(x);")
}

// So does typing a block, "{" then "}", after the line's indentation.
func TestAnOpenBraceKeepsTheSegmentsAfterIt(t *testing.T) {
	typeIntoABody(t, "if (x) { g(); }")
}

// And typing a prototype at file scope, before a definition.
func TestAnOpenParenthesisAtFileScopeKeepsTheSegmentsAfterIt(t *testing.T) {
	typeInto(t, "\nstatic ", 1, "static int nf(int a, int b);\n")
}

// typeIntoABody types text, key by key, after the indentation of a line
// of a function body in a file of many segments, and checks that each key
// reads again no more than the function and keeps the segments.
func typeIntoABody(t *testing.T, text string) {
	t.Helper()
	typeInto(t, "    return", len("    "), text)
}

// typeInto types text, key by key, at skip bytes into the first match of
// anchor a tenth into a file of many segments, and checks that each key
// reads again no more than the item typed into and keeps the segments.
func typeInto(t *testing.T, anchor string, skip int, text string) {
	t.Helper()
	src := hpyHeavy(64 << 10)
	at := bytes.Index(src[len(src)/10:], []byte(anchor)) + len(src)/10 + skip
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Facts()
	segs := len(d.segs)
	for i, r := range text {
		key := string(r)
		d.Edit(at+i, at+i, []byte(key))
		got := d.Facts()
		want, _ := Extract(C, d.Content())
		if got.Truncated != want.Truncated || got.Unfinished != want.Unfinished || got.UnfinishedAt != want.UnfinishedAt {
			t.Errorf("after %q: truncated %v (%q), Extract's %v (%q)", key, got.Truncated, got.Unfinished, want.Truncated, want.Unfinished)
		}
		if g, w := d.scans[0].leftOpen, scanFile(d.Content()).leftOpen; !slices.Equal(g, w) {
			t.Errorf("after %q: the blocks left open are closed at %v, a fresh scan's at %v", key, g, w)
		}
		if d.reread > 8<<10 || len(d.segs) < segs-1 {
			t.Errorf("after %q: the facts of %d bytes read again, %d segments of %d; want the function's alone", key, d.reread, len(d.segs), segs)
		}
	}
	want, _ := Extract(C, d.Content())
	if g, w := deepCopyOf(d.Facts()), deepCopyOf(want); !reflect.DeepEqual(g, w) {
		t.Errorf("the Document's facts differ from Extract's: %s", factsDiff(g, w))
	}
}
