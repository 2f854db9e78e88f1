package declgen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func names(decls []Decl) map[string]Kind {
	m := map[string]Kind{}
	for _, d := range decls {
		m[d.Name] = d.Kind
	}
	return m
}

func TestScanHeaderKinds(t *testing.T) {
	src := `
#ifndef Py_DEMO_H
#define Py_DEMO_H
#ifdef __cplusplus
extern "C" {
#endif
#define Demo_CONST 3
#define Demo_Check(op) Demo_Helper(op)
PyAPI_FUNC(PyObject *) Demo_New(Py_ssize_t size);
PyAPI_DATA(PyTypeObject) Demo_Type;
PyAPI_DATA(int) (*Demo_Hook)(void);
typedef PyObject *(*demofunc)(PyObject *arg);
typedef struct _demo { Py_ssize_t demo_field; struct _inner { int x; } inner; } DemoObject;
typedef enum { Demo_RED, Demo_GREEN = 2 } DemoColour;
static inline int Demo_Inline(PyObject *op) { int demo_local = 1; return demo_local; }
#ifndef Py_LIMITED_API
PyAPI_FUNC(int) Demo_Unlimited(void);
#else
PyAPI_FUNC(int) Demo_Limited(void);
#endif
#ifdef __cplusplus
}
#endif
#endif
`
	got := names(ScanHeader([]byte(src)))
	want := map[string]Kind{
		"Py_DEMO_H": Macro, "Demo_CONST": Macro, "Demo_Check": Macro,
		"Demo_New": Function, "Demo_Type": Data, "Demo_Hook": Data,
		"demofunc": Typedef, "_demo": Tag, "_inner": Tag, "DemoObject": Typedef,
		"Demo_RED": Enumerator, "Demo_GREEN": Enumerator, "DemoColour": Typedef,
		"Demo_Inline": Function, "Demo_Unlimited": Function, "Demo_Limited": Function,
	}
	for n, k := range want {
		if got[n] != k {
			t.Errorf("%s: got kind %q, want %q", n, got[n], k)
		}
	}
	// Parameters, locals, fields and macro parameters are not declarations.
	for _, n := range []string{"size", "arg", "demo_field", "x", "inner", "demo_local", "op", "PyObject", "Py_ssize_t", "PyTypeObject"} {
		if k, ok := got[n]; ok {
			t.Errorf("%s reported as %s", n, k)
		}
	}
}

// Each case is a shape on which tree-sitter-c's error recovery used to hide
// a declaration in CPython's real headers.
func TestScanHeaderRecoveries(t *testing.T) {
	cases := []struct {
		name, src string
		want      map[string]Kind
	}{
		{"attribute between type and name", "PyAPI_FUNC(void) _Demo_NO_RETURN Demo_Exit(int);\nPyAPI_FUNC(int) Demo_After(void);\n",
			map[string]Kind{"Demo_Exit": Function, "Demo_After": Function}},
		{"trailing attribute macro", "PyAPI_FUNC(int) Demo_Printf(const char *format, ...)\n    Demo_ATTRIBUTE((format(printf, 1, 2)));\nPyAPI_FUNC(int) Demo_After(void);\n",
			map[string]Kind{"Demo_Printf": Function, "Demo_After": Function}},
		{"comment inside a continued macro", "#define _Demo_HEAD(prefix) \\\n    /* the code */ \\\n    PyObject *prefix##_code; \\\n    int prefix##_flag;\n\ntypedef struct {\n    _Demo_HEAD(dg)\n} DemoGenObject;\n\nPyAPI_DATA(PyTypeObject) DemoGen_Type;\nPyAPI_FUNC(PyObject *) DemoGen_New(PyObject *name);\n",
			map[string]Kind{"_Demo_HEAD": Macro, "DemoGenObject": Typedef, "DemoGen_Type": Data, "DemoGen_New": Function}},
		{"macro whose value is a comment", "#define Demo_EMPTY(a) /* empty */\n#define Demo_NEXT(a) /* empty */\n#define Demo_LAST 1\n",
			map[string]Kind{"Demo_EMPTY": Macro, "Demo_NEXT": Macro, "Demo_LAST": Macro}},
		{"comment spanning continued lines", "#define Demo_STRUCT { \\\n    int a; /* one \\\n    two */ \\\n    int b; }\n#define Demo_AFTER 1\n",
			map[string]Kind{"Demo_STRUCT": Macro, "Demo_AFTER": Macro}},
		{"define inside an enum", "typedef enum {\n    #define DEMO_EVENT(E) Demo_EVENT_##E,\n    DEMO_FOREACH(DEMO_EVENT)\n    #undef DEMO_EVENT\n} Demo_Event;\n",
			map[string]Kind{"DEMO_EVENT": Macro, "Demo_Event": Typedef}},
		{"#if inside a parameter list", "static inline void _Demo_Dec(\n#if defined(Demo_DEBUG) && !defined(Demo_LIMITED)\n    const char *file, int line,\n#endif\n    PyObject *op)\n{\n#ifdef Demo_DEBUG\n    if (--op->refs < 0) {\n        Demo_Negative(file, line, op);\n    }\n#endif\n}\n#define Demo_Dec(op) _Demo_Dec(op)\n",
			map[string]Kind{"_Demo_Dec": Function, "Demo_Dec": Macro}},
	}
	for _, c := range cases {
		got := names(ScanHeader([]byte(c.src)))
		for n, k := range c.want {
			if got[n] != k {
				t.Errorf("%s: %s: got kind %q, want %q (all: %v)", c.name, n, got[n], k, got)
			}
		}
	}
}

func TestScanTreeReadsPublicHeadersOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("patchlevel.h", "#define PY_VERSION \"3.99.1\"\n")
	write("demo.h", "PyAPI_FUNC(int) Demo_Public(void);\n")
	write("cpython/demo.h", "PyAPI_FUNC(int) _Demo_CPythonDir(void);\n")
	write("internal/pycore_demo.h", "PyAPI_FUNC(int) _Demo_Internal(void);\n")
	write("pyconfig.h", "#define HAVE_DEMO 1\n")
	tree, err := ScanTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tree.Release != "3.99.1" {
		t.Errorf("release %q", tree.Release)
	}
	if want := []string{"cpython/demo.h", "demo.h", "patchlevel.h"}; !slices.Equal(tree.Files, want) {
		t.Errorf("files %v, want %v", tree.Files, want)
	}
	for _, n := range []string{"Demo_Public", "_Demo_CPythonDir", "PY_VERSION"} {
		if tree.Names[n] == nil {
			t.Errorf("%s missing", n)
		}
	}
	for _, n := range []string{"_Demo_Internal", "HAVE_DEMO"} {
		if tree.Names[n] != nil {
			t.Errorf("%s read from a non-public header", n)
		}
	}
	if _, err := ScanTree(t.TempDir()); err == nil {
		t.Error("an empty directory scanned without error")
	}
}

func TestTableRanges(t *testing.T) {
	tree := func(names ...string) *Tree {
		tr := &Tree{Release: "x", Names: map[string]Kinds{}}
		for _, n := range names {
			tr.Names[n] = Kinds{Function: true}
		}
		return tr
	}
	vs := []Version{
		{"3.10", []*Tree{tree("Both", "Gap")}},
		{"3.8", []*Tree{tree("Both", "Gap", "Old")}},
		{"3.9", []*Tree{tree("Both", "Old")}},
		{"3.11", []*Tree{tree("Both", "New"), tree("Both", "Gap")}}, // two patch releases
	}
	data, err := Table(vs)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, row := range []string{"Both\tfunction\t3.8-3.11\n", "Gap\tfunction\t3.8,3.10-3.11\n", "Old\tfunction\t3.8-3.9\n", "New\tfunction\t3.11\n"} {
		if !contains(got, row) {
			t.Errorf("table lacks %q:\n%s", row, got)
		}
	}
	if _, err := Table([]Version{{"3.8", []*Tree{tree()}}, {"3.8", []*Tree{tree()}}}); err == nil {
		t.Error("a version given twice was accepted")
	}
	if _, err := Table([]Version{{"three", []*Tree{tree()}}}); err == nil {
		t.Error("a bad label was accepted")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
