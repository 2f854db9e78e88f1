package cfacts

import (
	"reflect"
	"strings"
	"testing"
)

// Blank text put at the start of an #else, #elif or #endif line moves the
// branch boundary of the #if around it, at file scope and in a function
// body, and taking it away moves it back: the facts are Extract's.
func TestBlankTextBeforeABranchMovesTheConditional(t *testing.T) {
	src := `#include <Python.h>
#ifdef WITH_THREADS
static int threads(void) { return PyEval_ThreadsInitialized(); }
#elif defined(WITH_GREENLETS)
static int threads(void) { return 2; }
#else
static int threads(void) { return 0; }
#endif
static int body(void)
{
    int n = 0;
#if defined(Py_DEBUG)
    n = PyLong_AsLong(PyLong_FromLong(1));
#else
    n = 1;
#endif
    return n;
}
`
	for _, line := range []string{"#elif defined(WITH_GREENLETS)", "#else\nstatic", "#endif\nstatic", "#else\n    n", "#endif\n    return"} {
		for _, blank := range []string{"\n", "  ", "\n\n", "\t\n"} {
			at := strings.Index(src, line)
			for _, size := range []int{segmentSize, 1} {
				withSegmentSize(t, size, func() {
					d, err := NewDocument(C, []byte(src))
					if err != nil {
						t.Fatal(err)
					}
					defer d.Close()
					d.Facts()
					d.Edit(at, at, []byte(blank))
					if g, w := deepCopyOf(d.Facts()), deepCopyOf(must(Extract(C, d.Content()))); !reflect.DeepEqual(g, w) {
						t.Errorf("%q put before %q (segments of %d): facts differ from Extract's:\n%s", blank, line, size, factsDiff(g, w))
					}
					d.Edit(at, at+len(blank), nil)
					if g, w := deepCopyOf(d.Facts()), deepCopyOf(must(Extract(C, []byte(src)))); !reflect.DeepEqual(g, w) {
						t.Errorf("%q taken from before %q (segments of %d): facts differ from Extract's:\n%s", blank, line, size, factsDiff(g, w))
					}
				})
			}
		}
	}
}
