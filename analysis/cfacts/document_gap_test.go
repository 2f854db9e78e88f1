package cfacts

import (
	"reflect"
	"strings"
	"testing"
)

// Keys in the broken segment that holds the file's gap have its fresh
// parse made beside the reparse (startAsideGap), and the facts, gap
// included, are still Extract's: Enters, letters and spaces through the
// function an unknown macro hides and the one after it (a file this small
// is one segment).
func TestDocumentGapParsedAside(t *testing.T) {
	src := "#include <hpy.h>\nstatic LIB_NONNULL(1) long\nsum(const long *p, long n)\n{\n    long t = 0;\n    while (n--) {\n        t += p[n];\n    }\n    return t;\n}\n\nstatic int after(void)\n{\n    return 0;\n}\n"
	d, err := NewDocument(C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if f := d.Facts(); f.Gap == nil || f.Gap.Lost != "sum" {
		t.Fatalf("no gap losing sum: %+v", f.Gap)
	}
	keys := 0
	for _, needle := range []string{"long t", "while", "t += p", "return t", "return 0"} {
		for _, key := range []string{"\n", "x", " "} {
			at := strings.Index(string(d.Content()), needle)
			d.Edit(at, at, []byte(key))
			keys++
			got := d.Facts()
			want := must(Extract(C, d.Content()))
			if !reflect.DeepEqual(deepCopyOf(got), deepCopyOf(want)) {
				t.Fatalf("%q before %q: facts differ from Extract's:\n%s", key, needle, factsDiff(deepCopyOf(got), deepCopyOf(want)))
			}
		}
	}
	if d.asideTaken != keys {
		t.Errorf("%d of %d keys took the fresh parse made aside, want all", d.asideTaken, keys)
	}
}
