package cfacts

import (
	"reflect"
	"slices"
	"testing"
)

// FuzzDocumentDirectiveEdits is TestDocumentDirectiveEditsMatchExtract with
// the fuzzer choosing the text and the edits: every edit lands on a
// directive's lines (an edit that is no directive edit is undone), and
// after each one the facts equal a fresh Extract's exactly, broken code
// included (see directive.go).
//
// script is read as edits of 3 bytes: which of directiveKeys' places of
// the current content (1 byte, modulo their number), how many bytes are
// replaced (1 byte, modulo 8) and what is inserted (1 byte: one of
// directiveInserts, or that byte itself). Its first byte picks the
// segment size.
func FuzzDocumentDirectiveEdits(f *testing.F) {
	for i, seed := range cSeeds(f) {
		if i%8 != 0 || len(seed.src) > 8<<10 {
			continue
		}
		f.Add(seed.src, seed.lang == CPP, []byte{byte(i), 3, 0, 0, 9, 2, 1, 40, 0, 6, 7, 1, 3})
	}
	f.Add([]byte(directiveSample), false, []byte{1, 5, 0, 1, 12, 0, 0, 30, 0, 2, 44, 3, 4})
	f.Fuzz(func(t *testing.T, src []byte, cpp bool, script []byte) {
		lang, size, script := documentFuzzInput(t, src, cpp, script, 3*32+1)
		withSegmentSize(t, size, func() {
			defer hangGuard()()
			d, err := NewDocument(lang, src)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			d.Facts()
			for step := 0; len(script) >= 3; step, script = step+1, script[3:] {
				content := d.Content()
				keys := directiveKeys(content)
				if len(keys) == 0 {
					return
				}
				at := keys[int(script[0])%len(keys)].at
				end := min(len(content), at+int(script[1])%8)
				ins := string(script[2:3])
				if i := int(script[2]); i < len(directiveInserts) {
					ins = directiveInserts[i]
				}
				removed := slices.Clone(content[at:end])
				d.Edit(at, end, []byte(ins))
				if !d.directive {
					d.Edit(at, at+len(ins), removed)
					continue
				}
				got := d.Facts()
				checkFacts(t, got, len(d.Content()))
				want, err := Extract(lang, d.Content())
				if err != nil {
					t.Fatal(err)
				}
				if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
					t.Fatalf("step %d: after replacing [%d,%d) with %q facts differ:\n%s\ncontent:\n%q", step, at, end, ins, factsDiff(g, w), d.Content())
				}
			}
		})
	})
}

// directiveInserts are what a key or a paste puts on a directive's lines.
var directiveInserts = []string{"\n", "x", " ", "\\", "\\\n", "\r", "#else\n", "#endif\n", "#if X\n", "#elif Y\n", "#ifdef Z\n",
	"#define Q(a) a \\\n", "#", "/*", "*/", "{", "}", ";", "(", ")", "\"", "HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "PyLong_FromLong(1);", ""}
