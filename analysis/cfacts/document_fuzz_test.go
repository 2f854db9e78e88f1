package cfacts

import (
	"reflect"
	"testing"
)

// FuzzDocumentEdits is TestDocumentMatchesExtractAfterEdits with the fuzzer
// choosing the text and the edits: after every edit a Document's facts
// equal a fresh Extract of the same content (compared as that test does:
// deep copies, and only whether there are syntax errors when there are),
// and their spans lie inside the content.
//
// script is read as edits of 4 bytes: start (2 bytes, modulo the content's
// length + 1), length of the replaced text (1 byte, modulo 16), and what is
// inserted (1 byte: one of the test's snippets, or that byte itself). Its
// first byte, before the edits, picks the segment size.
func FuzzDocumentEdits(f *testing.F) {
	seeds := cSeeds(f)
	for i, seed := range seeds {
		if i%8 != 0 || len(seed.src) > 8<<10 {
			continue // a sample: each seed costs a dozen extractions
		}
		f.Add(seed.src, seed.lang == CPP, []byte{byte(i), 0, byte(i * 7), 3, byte(i), 1, 40, 0, 14, 0, 0, 5, 200, 0xff, 0xff, 2, 1})
	}
	f.Add([]byte("static int f(void) { return g(); }\n"), false, []byte{1, 0, 10, 0, 16, 0, 20, 4, 19})
	f.Fuzz(func(t *testing.T, src []byte, cpp bool, script []byte) {
		lang, size, script := documentFuzzInput(t, src, cpp, script, 4*32+1)
		withSegmentSize(t, size, func() {
			defer hangGuard()()
			documentFollowsScript(t, lang, src, script)
		})
	})
}

func documentFollowsScript(t *testing.T, lang Lang, src, script []byte) {
	doc, err := NewDocument(lang, src)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	t.Logf("content: %q", src)
	doc.Facts()
	for step := 0; len(script) >= 4; step, script = step+1, script[4:] {
		content := doc.Content()
		start := (int(script[0])<<8 | int(script[1])) % (len(content) + 1)
		end := min(len(content), start+int(script[2])%16)
		ins := string(script[3 : 3+1])
		if i := int(script[3]); i < len(fuzzInserts) {
			ins = fuzzInserts[i]
		}
		t.Logf("step %d: replace [%d,%d) of %d bytes with %q", step, start, end, len(content), ins)
		doc.Edit(start, end, []byte(ins))
		got := doc.Facts()
		checkFacts(t, got, len(doc.Content()))
		want, err := Extract(lang, doc.Content())
		if err != nil {
			t.Fatal(err)
		}
		if want.SyntaxErrors > 0 {
			// Error recovery depends on parse history (see the test).
			if got.SyntaxErrors == 0 {
				t.Fatalf("step %d: after replacing [%d,%d) with %q the incremental parse lost the syntax errors", step, start, end, ins)
			}
			// The gap is read from a fresh parse (Document.freshGap): it
			// names a construct in a finding, whatever the history.
			if !reflect.DeepEqual(got.Gap, want.Gap) {
				t.Fatalf("step %d: after replacing [%d,%d) with %q the gap is %+v, a fresh extraction's %+v", step, start, end, ins, got.Gap, want.Gap)
			}
			// So is HPY003's verdict, read from the text.
			if got.Truncated != want.Truncated || got.Unfinished != want.Unfinished || got.UnfinishedAt != want.UnfinishedAt {
				t.Fatalf("step %d: after replacing [%d,%d) with %q unfinished %v %q at %d, a fresh extraction's %v %q at %d", step, start, end, ins,
					got.Truncated, got.Unfinished, got.UnfinishedAt, want.Truncated, want.Unfinished, want.UnfinishedAt)
			}
			continue
		}
		if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
			t.Fatalf("step %d: after replacing [%d,%d) with %q facts differ:\n%s\ncontent:\n%q", step, start, end, ins, factsDiff(g, w), doc.Content())
		}
	}
}

// fuzzInserts are the snippets of TestDocumentMatchesExtractAfterEdits.
var fuzzInserts = []string{"x", " ", "\n", ";", "}", "{", "(", ")", ",", "/*", "*/", "\"", "Py", "PyLong_FromLong(1);",
	"HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "static int f(void) { return g(); }\n", "#define Q 1\n", "#ifdef HPY_ABI_CPYTHON\n", "#endif\n", "HPy_MODINIT(", ""}

// documentFuzzInput reads what the Document fuzz targets share of their
// input: the language, and the segment size the script's first byte picks
// (the real one, or small enough that every edit crosses segments); an
// input larger than a fuzz input may be is skipped.
func documentFuzzInput(t *testing.T, src []byte, cpp bool, script []byte, maxScript int) (Lang, int, []byte) {
	t.Helper()
	if len(src) > maxFuzzInput || len(script) > maxScript {
		t.Skip("larger than a fuzz input may be")
	}
	lang := C
	if cpp {
		lang = CPP
	}
	size := segmentSize
	if len(script) > 0 {
		size = []int{segmentSize, 1, 200}[int(script[0])%3]
		script = script[1:]
	}
	return lang, size, script
}
