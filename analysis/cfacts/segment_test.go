package cfacts

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// withSegmentSize runs f with segments cut at every item start that is at
// least size bytes past the previous cut.
func withSegmentSize(t testing.TB, size int, f func()) {
	old := segmentSize
	segmentSize = size
	defer func() { segmentSize = old }()
	f()
}

// Cutting a file into segments changes nothing for code that parses: every
// C and C++ file of the testdata, read in one segment and in segments as
// small as the cuts allow, gives the same facts. HPYLINT_REAL_TREES
// (colon-separated directories, e.g. checkouts of HPy ports) adds theirs.
func TestSegmentsAreInvisibleOnValidCode(t *testing.T) {
	checked := 0
	for _, path := range cSources(t) {
		lang, _ := LangOf(path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var whole, cut *Facts
		withSegmentSize(t, 1<<30, func() { whole, _ = Extract(lang, src) })
		if whole == nil || whole.SyntaxErrors > 0 {
			continue
		}
		withSegmentSize(t, 1, func() { cut, _ = Extract(lang, src) })
		if !reflect.DeepEqual(whole, cut) {
			t.Errorf("%s: facts differ when cut into %d segments:\n%s", path, len(segmentsOf(src, scanFile(src).itemStarts)), factsDiff(cut, whole))
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d files checked: is the testdata there?", checked)
	}
	t.Logf("%d files without syntax errors checked", checked)
}

// cSources lists the C and C++ files of the testdata and of the
// directories in HPYLINT_REAL_TREES.
func cSources(t *testing.T) []string {
	roots := []string{filepath.Join("..", "..", "testdata")}
	if trees := os.Getenv("HPYLINT_REAL_TREES"); trees != "" {
		roots = append(roots, strings.Split(trees, ":")...)
	}
	var out []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			if _, ok := LangOf(path); ok {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The scan offers a cut only where a top-level item can start.
func TestItemStarts(t *testing.T) {
	src := `#include "hpy.h"
static int a;
struct point {
    int x;
}
origin;
typedef struct { int y; } pair;
static int f(void)
{
    return 1;
}
#ifdef HPY_ABI_CPYTHON
static int g;
static int h;
#endif
HPyDef_METH(m, "m", HPyFunc_NOARGS)
static HPy m_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, self);
}
int call = f(
    1);
/* a comment
   ending here */
int z;
`
	var got []string
	for _, off := range scanFile([]byte(src)).itemStarts {
		line := src[off:]
		got = append(got, line[:strings.IndexByte(line, '\n')])
	}
	want := []string{
		"static int a;",                   // after a directive
		"struct point {",                  // after ';'
		"typedef struct { int y; } pair;", // the struct's '}' is not an item's end
		"static int f(void)",
		"#ifdef HPY_ABI_CPYTHON", // after a function body
		"HPyDef_METH(m, \"m\", HPyFunc_NOARGS)",
		"static HPy m_impl(HPyContext *ctx, HPy self)", // after an HPy macro
		"int call = f(",
		"/* a comment",
		"int z;",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("item starts:\n got  %q\n want %q", got, want)
	}
}

// A segment may be broken without breaking the others: an unclosed brace
// takes the rest of the file into its segment, as a compiler would.
func TestSegmentsConfineErrors(t *testing.T) {
	src := []byte("static int a;\nstatic int f(void) {\n    return (1;\n}\nstatic int b;\nstatic int g(void) {\n    return 2;\n}\n")
	withSegmentSize(t, 1, func() {
		f, err := Extract(C, src)
		if err != nil {
			t.Fatal(err)
		}
		if f.SyntaxErrors == 0 || f.Truncated {
			t.Errorf("errors %d, truncated %v: want errors in f only", f.SyntaxErrors, f.Truncated)
		}
		var names []string
		for _, fn := range f.Functions {
			names = append(names, fn.Name)
		}
		if !reflect.DeepEqual(names, []string{"f", "g"}) {
			t.Errorf("functions %v, want [f g]", names)
		}
	})
	withSegmentSize(t, 1, func() {
		f, _ := Extract(C, []byte("static int a;\nstatic int f(void) {\n    if (1) {\n}\nstatic int b;\n"))
		if !f.Truncated {
			t.Errorf("an unclosed brace should leave the file cut off")
		}
	})
}

// A parenthesis left open in a block (a call being typed) is closed by the
// block's '}', and one left open at file scope (a prototype being typed) by
// the next ';': the items after start where they did, in valid code's
// statement expressions and compound literals as well.
func TestAnOpenParenthesisEndsWithItsBlock(t *testing.T) {
	src := `static int f(void)
{
    g(1;
    return 0;
}
static int h;
int k(void)
{
    return (1 + (2);
}
int a = f(({ int t = 1; t; }), (struct p){1, 2});
int z;
static int proto(int a,
static int b;
int c;
`
	var got []string
	for _, off := range scanFile([]byte(src)).itemStarts {
		line := src[off:]
		got = append(got, line[:strings.IndexByte(line, '\n')])
	}
	want := []string{"static int h;", "int k(void)", "int a = f(({ int t = 1; t; }), (struct p){1, 2});", "int z;", "static int proto(int a,", "int c;"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("item starts:\n got  %q\n want %q", got, want)
	}
}

// A '}' at the start of its line in a function body closes the body with
// the blocks opened in it on indented lines (one being typed): the items
// after the function start where they did. A block opened on an unindented
// line, as in code written without indentation, is closed as counted, and
// so is every block outside a function body (a namespace's).
func TestABodysClosingBraceClosesTheBlocksLeftOpen(t *testing.T) {
	src := `static int f(void)
{
    if (x) {
        g();
    while (y) {
}
static int h;
static int k(int a,
             int b) {
    return a;
}
int m(void)
{
if (x) {
g();
}
return 0;
}
namespace n {
void p(int a,
       int b) {
    q();
}
int r;
}
int z;
int w;
`
	var got []string
	for _, off := range scanFile([]byte(src)).itemStarts {
		line := src[off:]
		got = append(got, line[:strings.IndexByte(line, '\n')])
	}
	want := []string{"static int h;", "static int k(int a,", "int m(void)", "namespace n {", "int w;"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("item starts:\n got  %q\n want %q", got, want)
	}
}
