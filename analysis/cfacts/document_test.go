package cfacts

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/source"
)

// After any sequence of edits, a Document's facts equal a fresh Extract of
// the same content whenever that content parses without errors: the
// incremental path may only be faster, never differ. The files are small:
// they are also cut into segments of every item (size 1) and of a few
// items, so edits move cuts, join and split segments.
func TestDocumentMatchesExtractAfterEdits(t *testing.T) {
	for _, size := range []int{segmentSize, 1, 200} {
		t.Run(fmt.Sprintf("segments of %d", size), func(t *testing.T) {
			withSegmentSize(t, size, func() { documentMatchesExtract(t, nil) })
		})
	}
}

// documentMatchesExtract edits each file of testdata/cfacts (as convert
// makes it, when given) with random inserts, more added.
func documentMatchesExtract(t *testing.T, convert func([]byte) []byte, more ...string) {
	inserts := []string{"x", " ", "\n", ";", "}", "{", "(", ")", ",", "/*", "*/", "\"", "Py", "PyLong_FromLong(1);",
		"HPyDef_METH(m, \"m\", HPyFunc_NOARGS)\n", "static int f(void) { return g(); }\n", "#define Q 1\n", "#ifdef HPY_ABI_CPYTHON\n", "#endif\n", "HPy_MODINIT(", ""}
	inserts = append(inserts, more...)
	for _, name := range testdataFiles {
		src, lang := readTestdata(t, name)
		if convert != nil {
			src = convert(src)
		}
		rng := rand.New(rand.NewSource(int64(len(name))))
		for run := 0; run < runs(); run++ {
			doc, err := NewDocument(lang, src)
			if err != nil {
				t.Fatal(err)
			}
			doc.Facts()
			for step := 0; step < 12; step++ {
				content := doc.Content()
				start := rng.Intn(len(content) + 1)
				end := min(len(content), start+rng.Intn(8))
				ins := inserts[rng.Intn(len(inserts))]
				doc.Edit(start, end, []byte(ins))
				if step%3 == 2 || rng.Intn(2) == 0 {
					got := doc.Facts()
					if d, w := docSpans(doc), segmentsOf(doc.Content(), scanFile(doc.Content()).itemStarts); !reflect.DeepEqual(d, w) {
						t.Fatalf("%s run %d step %d: after replacing [%d,%d) with %q the segments are\n%v, Extract's\n%v", name, run, step, start, end, ins, d, w)
					}
					want, _ := Extract(lang, doc.Content())
					if want.SyntaxErrors > 0 {
						// Error recovery depends on parse history: on
						// broken code an incremental reparse can build
						// another (equally valid) tree than a fresh one.
						// Only whether there are errors must agree.
						if got.SyntaxErrors == 0 {
							t.Fatalf("%s run %d step %d: incremental parse lost the syntax errors", name, run, step)
						}
						continue
					}
					if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
						t.Fatalf("%s run %d step %d: after replacing [%d,%d) with %q facts differ:\n%s", name, run, step, start, end, ins, factsDiff(g, w))
					}
				}
			}
			doc.Close()
		}
	}
}

// docSpans are the spans of doc's segments.
func docSpans(doc *Document) []source.Span {
	out := make([]source.Span, len(doc.segs))
	for i, s := range doc.segs {
		out[i] = s.span
	}
	return out
}

// factsDiff names the first fact list that differs.
func factsDiff(got, want *Facts) string {
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < gv.NumField(); i++ {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			return gv.Type().Field(i).Name + ":\n got  " + short(gv.Field(i).Interface()) + "\n want " + short(wv.Field(i).Interface())
		}
	}
	return "(equal?)"
}

func short(v any) string {
	s := reflect.ValueOf(v).String()
	if b, ok := v.([]byte); ok {
		s = string(b)
	}
	s = fmtAny(v)
	if len(s) > 1500 {
		s = s[:1500] + "..."
	}
	return s
}

// runs is how many random edit sequences to try; HPYLINT_DOC_RUNS raises it
// for a longer soak.
func runs() int {
	if n, err := strconv.Atoi(os.Getenv("HPYLINT_DOC_RUNS")); err == nil && n > 0 {
		return n
	}
	return 40
}

// BenchmarkDocumentKeystroke1MB measures what the language server pays per
// keystroke in a 1 MB HPy file: one character typed inside a function body,
// then facts brought up to date.
func BenchmarkDocumentKeystroke1MB(b *testing.B) {
	src := hpyHeavy(1 << 20)
	doc, err := NewDocument(C, src)
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	doc.Facts()
	at := len(src) / 2
	for at < len(src) && src[at] != ';' {
		at++
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			doc.Edit(at, at, []byte(" "))
		} else {
			doc.Edit(at, at+1, nil)
		}
		doc.Facts()
	}
}

// Facts a Document handed out are never modified by later edits, so the
// language server can keep them without copying.
func TestDocumentFactsStayAsHandedOut(t *testing.T) {
	src := []byte("#include <hpy.h>\nHPyDef_METH(f, \"f\", HPyFunc_NOARGS)\nstatic HPy f_impl(HPyContext *ctx, HPy self) { return HPy_Dup(ctx, ctx->h_None); }\nstatic int g(void) { return f_impl(0, 0) != 0; }\nHPy_MODINIT(mod, moduledef)\n")
	d, err := NewDocument(C, src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	first := d.Facts()
	want, _ := Extract(C, src)
	d.Edit(0, 0, []byte("\n\n\n"))
	second := d.Facts()
	d.Edit(len(d.Content())-1, len(d.Content())-1, []byte("x"))
	d.Edit(30, 30, []byte("y"))
	_ = d.Facts()
	if !reflect.DeepEqual(deepCopyOf(first), deepCopyOf(want)) {
		t.Errorf("first facts changed after edits:\n got %+v\nwant %+v", first, want)
	}
	want2, _ := Extract(C, append([]byte("\n\n\n"), src...))
	if !reflect.DeepEqual(deepCopyOf(second), deepCopyOf(want2)) {
		t.Errorf("second facts changed after edits")
	}
}

// Edits that keep the code valid (blank lines added and removed at line
// starts) let every step be compared with Extract: facts moved through
// many edits, each brought up to date in between, must land where a
// fresh parse puts them, argument lists included.
// HPYLINT_REAL_TREES adds the C and C++ files of other trees that parse
// without errors.
func TestDocumentFollowsManyMoves(t *testing.T) {
	var paths []string
	for _, name := range []string{"macros.c", "imports.c", "threads.cpp"} {
		paths = append(paths, filepath.Join("..", "..", "testdata", "cfacts", name))
	}
	if os.Getenv("HPYLINT_REAL_TREES") != "" {
		for _, p := range cSources(t) {
			lang, _ := LangOf(p)
			src, _ := os.ReadFile(p)
			if f, err := Extract(lang, src); err == nil && f.SyntaxErrors == 0 && !strings.Contains(p, "testdata") {
				paths = append(paths, p)
			}
		}
	}
	for _, name := range paths {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lang, _ := LangOf(name)
		doc, err := NewDocument(lang, src)
		if err != nil {
			t.Fatal(err)
		}
		doc.Facts()
		rng := rand.New(rand.NewSource(int64(len(src))))
		for step := 0; step < 60; step++ {
			content := doc.Content()
			var starts, blanks []int
			for i := range content {
				if i == 0 || content[i-1] == '\n' {
					starts = append(starts, i)
					if content[i] == '\n' {
						blanks = append(blanks, i)
					}
				}
			}
			if len(blanks) > 0 && rng.Intn(2) == 0 {
				at := blanks[rng.Intn(len(blanks))]
				doc.Edit(at, at+1, nil)
			} else {
				at := starts[rng.Intn(len(starts))]
				doc.Edit(at, at, []byte("\n"))
			}
			got := doc.Facts()
			want, _ := Extract(lang, doc.Content())
			if g, w := deepCopyOf(got), deepCopyOf(want); !reflect.DeepEqual(g, w) {
				t.Fatalf("%s step %d: facts differ:\n%s", name, step, factsDiff(g, w))
			}
		}
		doc.Close()
	}
}

// An unterminated "/*" hides the rest of the file from the token scan (as
// from GCC) but not from the grammar, whose tree after the comment barely
// changes: the references after it must go all the same, as in a fresh
// extraction. The facts of the text the scan read again are read again.
func TestDocumentOpenCommentHidesLaterReferences(t *testing.T) {
	src := "int a(int x)\n{\n    return x;\n}\n\nvoid f(void)\n{\n    Py_INCREF(o);\n}\n"
	doc, err := NewDocument(C, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	if n := len(doc.Facts().Refs); n != 1 {
		t.Fatalf("%d references before the edit, want 1", n)
	}
	doc.Edit(0, 0, []byte("/*"))
	want, err := Extract(C, doc.Content())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Facts().Refs; len(got) != len(want.Refs) {
		t.Errorf("after typing /*: %d references %v, a fresh extraction has %d", len(got), got, len(want.Refs))
	}
	doc.Edit(0, 2, nil)
	if n := len(doc.Facts().Refs); n != 1 {
		t.Errorf("after deleting the /*: %d references, want 1", n)
	}
}

// Text added on a line of its own next to a directive (an Enter above an
// #include) is read as any edit; what can change a directive's lines is
// read incrementally too, but marks the edit as a directive edit (broken
// segments it reaches are parsed afresh). Neither reads the whole file
// again, and either way the facts are Extract's.
func TestDocumentInsertNextToDirective(t *testing.T) {
	const src = "#include \"hpy.h\"\n#define TWICE(x) \\\n    ((x) + (x))\nstatic int f(void)\n{\n    return TWICE(PyLong_AsLong(0));\n}\n#if X\nint y;\n#endif\n"
	for _, c := range []struct {
		name          string
		at            int // offset of the insertion
		text          string
		wantDirective bool
	}{
		{"Enter at the start of the #define line", strings.Index(src, "#define"), "\n", false},
		{"a line put before #if", strings.Index(src, "#if"), "int z;\n", false},
		{"text at the start of the #define line", strings.Index(src, "#define"), "x", true},
		{"Enter at the end of the line before #if", strings.Index(src, "#if") - 1, "\n", false},
		{"a space at the end of the line above #if", strings.Index(src, "}\n#if") + 1, " ", false},
		{"Enter inside the macro's continued line", strings.Index(src, "((x)"), "\n", true},
		{"a backslash before #if", strings.Index(src, "#if") - 1, " \\", true},
		{"text on the #endif line", strings.Index(src, "#endif") + len("#endif"), " x", true},
		{"a carriage return", strings.Index(src, "#if") - 1, "\r", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := NewDocument(C, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			d.Facts()
			d.Edit(c.at, c.at, []byte(c.text))
			if d.directive != c.wantDirective {
				t.Errorf("directive = %v, want %v", d.directive, c.wantDirective)
			}
			got := deepCopyOf(d.Facts())
			if d.fullReads != 0 {
				t.Errorf("the edit read the whole file again")
			}
			want := deepCopyOf(must(Extract(C, d.Content())))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("facts differ from Extract's after the edit")
			}
		})
	}
}

func must(f *Facts, err error) *Facts {
	if err != nil {
		panic(err)
	}
	return f
}
