package cfacts

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// directiveSample is valid C with the directives a key can land in: a
// continued #define, #if, #else and #endif at file scope and in a function.
const directiveSample = `#include "hpy.h"
static int before(void) { return 0; }
#define STRIDING_OK(op, order) \
    ((order) == ANYORDER || \
     ((order) == CORDER && PyArray_IS_C_CONTIGUOUS(op)))
static int striding(PyObject *op, int order)
{
    return STRIDING_OK(op, order);
}
#if defined(HAVE_CBLAS)
static int blas(void) { return PyLong_Check(0); }
#else
static int noblas(void) { return 1; }
#endif
static int inner(void)
{
#ifndef NO_SIGNAL
    int a = PyErr_CheckSignals();
#endif
    return a;
}
static int after(void) { return PyList_New(0) != 0; }
`

// A key on a directive's own lines no longer reads the whole file again:
// only the items around it, as for any other edit. A key that leaves an #if
// without its #endif reads from that #if to the end of the file, which is
// then one segment; still not the text before it. The facts are Extract's.
func TestDocumentDirectiveKeysAreIncremental(t *testing.T) {
	src := directiveSample
	at := func(s string, off int) int {
		i := strings.Index(src, s)
		if i < 0 {
			t.Fatalf("%q is not in the sample", s)
		}
		return i + off
	}
	for _, c := range []struct {
		name string
		at   int
		text string
		rest string // when set, the read may run from there to the end
	}{
		{"Enter inside the #define's body", at("((order) == CORDER", 10), "\n", ""},
		{"a letter inside the #define's body", at("((order) == CORDER", 10), "x", ""},
		{"Enter after a continuation's backslash", at("ANYORDER || \\", 13), "\n", ""},
		{"Enter on the #define line", at("#define STRIDING_OK", 12), "\n", ""},
		{"a letter on the #if line", at("#if defined", 12), "x", ""},
		{"Enter on the #if line", at("#if defined", 12), "\n", ""},
		{"a letter on the #else line", at("#else", 5), "x", ""},
		{"a letter before the #else", at("#else", 0), "x", ""},
		{"a letter before the #endif in a function", at("#endif\n    return a", 0), "x", ""},
		{"a backslash at the end of #else", at("#else", 5), "\\", ""},
		{"Enter on the #ifndef line in a function", at("#ifndef NO_SIGNAL", 9), "\n", ""},
		{"a letter on the #endif in a function", at("#endif\n    return a", 3), "x", ""},
		{"a letter on the file-scope #endif", at("#endif\nstatic int inner", 6), "x", "#if defined"},
	} {
		withSegmentSize(t, 1, func() {
			t.Run(c.name, func(t *testing.T) {
				d, err := NewDocument(C, []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				d.Facts()
				d.Edit(c.at, c.at, []byte(c.text))
				if !d.directive {
					t.Errorf("the edit is not seen as a directive edit")
				}
				got := d.Facts()
				if d.fullReads != 0 {
					t.Errorf("the key read the whole file again")
				}
				limit := len(src) / 2
				if c.rest != "" {
					limit = len(d.Content()) - at(c.rest, 0)
				}
				if d.reread > limit {
					t.Errorf("the key read the facts of %d bytes of %d again, want at most %d", d.reread, len(d.Content()), limit)
				}
				want := must(Extract(C, d.Content()))
				if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
					t.Errorf("facts differ from Extract's:\n%s", factsDiff(g, w))
				}
				d.Edit(c.at, c.at+len(c.text), nil)
				if g, w := deepCopyOf(d.Facts()), deepCopyOf(must(Extract(C, []byte(src)))); !reflect.DeepEqual(g, w) {
					t.Errorf("after undoing the key, facts differ from Extract's:\n%s", factsDiff(g, w))
				}
			})
		})
	}
}

// Random edits on directive lines (keys, deletions, directives typed or
// broken, continuations added), in sequence, on the testdata: after each
// one the facts equal a fresh Extract's exactly, broken code included,
// since every edit is a directive edit (see directive.go).
func TestDocumentDirectiveEditsMatchExtract(t *testing.T) {
	inserts := []string{"\n", "x", " ", "\\", "\\\n", "#else\n", "#endif\n", "#if X\n", "#elif Y\n", "#ifdef Z\n",
		"#define Q(a) a \\\n", "#", "/*", "*/", "{", "}", ";", ""}
	var paths []string
	for _, name := range testdataFiles {
		paths = append(paths, filepath.Join("..", "..", "testdata", "cfacts", name))
	}
	paths = append(paths, filepath.Join("..", "..", "testdata", "rules", "HPY003", "valid_uneven_branches", "grid.c"))
	names, srcs := []string{"sample.c"}, [][]byte{[]byte(directiveSample)}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		names, srcs = append(names, p), append(srcs, src)
	}
	rng := rand.New(rand.NewSource(14))
	compared, broken := 0, 0
	for i, src := range srcs {
		name := names[i]
		lang, _ := LangOf(name)
		for _, size := range []int{segmentSize, 1, 200} {
			withSegmentSize(t, size, func() {
				d, err := NewDocument(lang, src)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close()
				d.Facts()
				for step := range runs() {
					content := d.Content()
					keys := directiveKeys(content)
					if len(keys) == 0 {
						return
					}
					at := keys[rng.Intn(len(keys))].at
					end := at
					if rng.Intn(3) == 0 {
						end = min(len(content), at+rng.Intn(6))
					}
					ins := inserts[rng.Intn(len(inserts))]
					removed := slices.Clone(content[at:end])
					d.Edit(at, end, []byte(ins))
					if !d.directive {
						d.Edit(at, at+len(ins), removed) // not what this test is about
						continue
					}
					got := d.Facts()
					want := must(Extract(lang, d.Content()))
					compared++
					if want.SyntaxErrors > 0 {
						broken++
					}
					if d.fullReads != 0 {
						t.Fatalf("%s: an edit read the whole file again", name)
					}
					if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
						t.Fatalf("%s, segments of %d, step %d: after replacing [%d,%d) with %q facts differ:\n%s\ncontent:\n%s", name, size, step, at, end, ins, factsDiff(g, w), d.Content())
					}
					if rng.Intn(2) == 0 {
						// Undone, as often in an editor: back to text that
						// may parse.
						d.Edit(at, at+len(ins), removed)
						want := must(Extract(lang, d.Content()))
						compared++
						if g, w := deepCopyOf(d.Facts()), deepCopyOf(want); !reflect.DeepEqual(g, w) {
							t.Fatalf("%s, segments of %d, step %d: after undoing [%d,%d) %q facts differ:\n%s", name, size, step, at, end, ins, factsDiff(g, w))
						}
					}
				}
			})
		}
	}
	t.Logf("%d texts compared, %d of them with syntax errors", compared, broken)
	if compared < 100 || broken == 0 || broken == compared {
		t.Errorf("%d texts compared, %d broken: the edits do not exercise what they should", compared, broken)
	}
}

// A ParseGap whose cause names a line (#if branches that open braces
// unevenly) follows an Enter typed above its segment: the segment's bytes
// are unchanged, but its line is not.
func TestDocumentGapLineFollowsEnter(t *testing.T) {
	src := "int a;\nint b;\nint pick(int a)\n{\n    int r = 0;\n#if FAST\n    if (a) {\n        r = 1;\n    } else {\n#else\n    {\n#endif\n        r = 2;\n    }\n    return r;\n}\nint after(void)\n{\n    return 0;\n}\n"
	withSegmentSize(t, 1, func() {
		d, err := NewDocument(C, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if g := d.Facts().Gap; g == nil || !strings.Contains(g.Cause, "line 6") {
			t.Fatalf("gap %+v, want one naming line 6", g)
		}
		d.Edit(0, 0, []byte("\n"))
		got, want := d.Facts().Gap, must(Extract(C, d.Content())).Gap
		if !reflect.DeepEqual(got, want) {
			t.Errorf("gap after the Enter:\n got  %+v\n want %+v", got, want)
		}
	})
}
