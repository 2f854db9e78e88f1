package cfacts

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

func extractFile(t *testing.T, name string) (*Facts, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cfacts", name))
	if err != nil {
		t.Fatal(err)
	}
	lang, _ := LangOf(name)
	f, err := Extract(lang, src)
	if err != nil {
		t.Fatal(err)
	}
	return f, src
}

func TestMacrosAreReadOutsideCommentsAndStrings(t *testing.T) {
	f, src := extractFile(t, "macros.c")
	var got []string
	for _, m := range f.Macros {
		var args []string
		for _, a := range m.Args.All() {
			if string(src[a.Span.Start:a.Span.End]) != a.Text {
				t.Errorf("%s arg span %v does not hold %q", m.Name, a.Span, a.Text)
			}
			args = append(args, a.Text)
		}
		got = append(got, m.Name+"("+strings.Join(args, "|")+")")
	}
	want := []string{
		"HPyType_HELPERS(PointObject)",
		"HPyDef_SLOT(Point_new|HPy_tp_new)",
		`HPyDef_METH(norm|"norm"|HPyFunc_NOARGS|.doc = "the norm, with a (comma, in) the doc")`,
		"HPy_MODINIT(mod|moduledef)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("macros:\n got  %q\n want %q", got, want)
	}
}

// The functions after HPy macros must survive: this is what the grammar
// loses without the macro pre-pass.
func TestFunctionsAfterMacrosAreParsed(t *testing.T) {
	f, _ := extractFile(t, "macros.c")
	var names []string
	for _, fn := range f.Functions {
		names = append(names, fn.Name)
		if !fn.Static {
			t.Errorf("%s should be static", fn.Name)
		}
	}
	if want := []string{"Point_new_impl", "norm_impl", "counter", "helper"}; !reflect.DeepEqual(names, want) {
		t.Errorf("functions = %v, want %v", names, want)
	}
}

func TestVariablesAndFields(t *testing.T) {
	f, _ := extractFile(t, "macros.c")
	defs := f.Variable("moduledef")
	if len(defs) != 2 || !defs[0].Defined || defs[1].Defined || !defs[1].Extern {
		t.Fatalf("moduledef declarations = %+v", defs)
	}
	size, ok := defs[0].Field("size")
	if !ok || size.Value != "0" {
		t.Errorf("size field = %+v", size)
	}
	defines, _ := defs[0].Field("defines")
	if len(defines.Elements) != 2 || defines.Elements[0].Text != "&norm" {
		t.Errorf("compound literal elements = %+v", defines.Elements)
	}
	arr := f.Variable("point_defines")
	if len(arr) != 1 || !arr[0].Array || len(arr[0].Elements) != 2 || arr[0].Elements[0].Text != "&Point_new" {
		t.Errorf("point_defines = %+v", arr)
	}
	spec := f.Variable("point_spec")
	if len(spec) != 1 || spec[0].Type != "HPyType_Spec" {
		t.Errorf("point_spec = %+v", spec)
	}
}

func TestCallsRefsTypedefs(t *testing.T) {
	f, _ := extractFile(t, "macros.c")
	var calls []string
	for _, c := range f.Calls {
		caller := "<file>"
		if c.Caller >= 0 {
			caller = f.Functions[c.Caller].Name
		}
		calls = append(calls, caller+"->"+c.Name+"/"+strconv.Itoa(c.Args.Len()))
	}
	want := []string{"Point_new_impl->HPyArg_Parse/7", "norm_impl->HPyFloat_FromDouble/2", "counter->SQUARE/1", "counter->PyLong_AsLong/1"}
	if !reflect.DeepEqual(calls, want) {
		t.Errorf("calls = %v, want %v", calls, want)
	}
	var refs []string
	for _, r := range f.Refs {
		refs = append(refs, r.Name+"/"+strconv.Itoa(int(r.Kind)))
	}
	if want := []string{"Py_myint/1", "Py_myint/1", "PyLong_AsLong/0", "PyObject/1"}; !reflect.DeepEqual(refs, want) {
		t.Errorf("refs = %v, want %v", refs, want)
	}
	var typedefs []string
	for _, td := range f.Typedefs {
		typedefs = append(typedefs, td.Name)
	}
	if want := []string{"PointObject", "Py_myint"}; !reflect.DeepEqual(typedefs, want) {
		t.Errorf("typedefs = %v, want %v", typedefs, want)
	}
}

func TestIncludesDefinesComments(t *testing.T) {
	f, src := extractFile(t, "macros.c")
	if len(f.Includes) != 2 || f.Includes[0].Path != "hpy.h" || f.Includes[0].System || !f.Includes[1].System {
		t.Errorf("includes = %+v", f.Includes)
	}
	if got := string(src[f.Includes[0].Span.Start:f.Includes[0].Span.End]); got != `#include "hpy.h"` {
		t.Errorf("include span text = %q", got)
	}
	if !f.HasDefine("HPY_EMBEDDED_MODULES") || !f.HasDefine("SQUARE") {
		t.Errorf("defines = %+v", f.Defines)
	}
	if len(f.Comments) != 2 {
		t.Errorf("comments = %+v", f.Comments)
	}
}

func TestCPlusPlus(t *testing.T) {
	f, _ := extractFile(t, "entrypoint.cpp")
	if m := f.MacroCalls("HPy_MODINIT"); len(m) != 1 || m[0].Arg(0).Text != "kiwisolver" {
		t.Errorf("modinit = %+v", m)
	}
	if v := f.Variable("moduledef"); len(v) != 1 || len(v[0].Fields) != 2 {
		t.Errorf("moduledef = %+v", v)
	}
	var names []string
	for _, fn := range f.Functions {
		names = append(names, fn.Name)
	}
	if want := []string{"version", "kiwi_exec_impl"}; !reflect.DeepEqual(names, want) {
		t.Errorf("functions = %v, want %v", names, want)
	}
}

// Every pattern of every query file must match something in testdata, so a
// query that silently stopped matching (a grammar update) fails here.
func TestEveryQueryPatternMatches(t *testing.T) {
	// A pattern may be matched by any of its language's files.
	for lang, files := range map[Lang][]string{C: {"macros.c", "imports.c"}, CPP: {"entrypoint.cpp", "threads.cpp"}} {
		g, err := grammarFor(lang)
		if err != nil {
			t.Fatal(err)
		}
		for name, q := range map[string]*sitter.Query{"facts.scm": g.query} {
			hits := make([]int, q.PatternCount())
			for _, file := range files {
				src, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "cfacts", file))
				p := sitter.NewParser()
				_ = p.SetLanguage(g.lang)
				lines := newLineIndex(src)
				_ = lines
				tree := parseChunked(p, blank(src, scanMacros(src)), nil)
				qc := sitter.NewQueryCursor()
				ms := qc.Matches(q, tree.RootNode(), src)
				for m := ms.Next(); m != nil; m = ms.Next() {
					hits[m.PatternIndex]++
				}
				qc.Close()
				tree.Close()
				p.Close()
			}
			for i, n := range hits {
				if n == 0 {
					t.Errorf("%v: %s pattern %d matched nothing", files, name, i)
				}
			}
		}
	}
}

func TestScannerNeverPanics(t *testing.T) {
	for _, s := range []string{"", "HPy_MODINIT(", "HPyDef_METH(a, \"", "#define X \\", "/* HPy_MODINIT(a,b)", "HPyDef_X(((", "'"} {
		_ = scanMacros([]byte(s))
		if _, err := Extract(C, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConditionalsOnABIMacros(t *testing.T) {
	f, src := extractFile(t, "macros.c")
	universal := func(m string) (bool, bool) {
		switch m {
		case "HPY_ABI_UNIVERSAL":
			return true, true
		case "HPY_ABI_CPYTHON", "HPY_ABI_HYBRID":
			return false, true
		}
		return false, false
	}
	at := func(needle string) int { return strings.Index(string(src), needle) }
	cases := map[string]bool{
		"only_in_cpython_mode": false,
		"universal_or_hybrid":  true,
		"not_universal":        false,
		"norm_impl":            true,
		// An #elif chain: each branch is judged by its own test.
		"chain_cpython":   false,
		"chain_hybrid":    false,
		"chain_other":     false,
		"chain_universal": true,
	}
	for needle, want := range cases {
		if got := f.Compiled(at(needle), universal); got != want {
			t.Errorf("%s compiled in universal mode = %v, want %v (conditionals %+v)", needle, got, want, f.Conditionals)
		}
	}
}

// callsIn lists a file's calls as "caller->name(args)".
func callsIn(f *Facts) []string {
	var out []string
	for _, c := range f.Calls {
		caller := "<file>"
		if c.Caller >= 0 {
			caller = f.Functions[c.Caller].Name
		}
		var args []string
		for _, a := range c.Args.All() {
			args = append(args, a.Text)
		}
		out = append(out, caller+"->"+c.Name+"("+strings.Join(args, ", ")+")")
	}
	return out
}

func TestCallGraphFactsC(t *testing.T) {
	f, src := extractFile(t, "imports.c")
	// Calls after a macro without its semicolon are recovered: from the
	// declaration the grammar makes of them (with arguments), or from the
	// error it makes when an argument is no type (name only).
	want := []string{
		"start_and_wait->pthread_create(&t, NULL, worker, NULL)",
		"start_and_wait->pthread_join(t, NULL)",
		"wait_cond->pthread_join(t, NULL)",
		"wait_cond->pthread_cond_wait(&c, &m)",
		"wait_leaving_python->pthread_cond_wait(c, m)",
		"wait_leaving_python->pthread_cond_wait()",
		`mod_exec_impl->HPyImport_ImportModule(ctx, "builtins")`,
		`mod_exec_impl->HPy_GetAttr_s(ctx, builtins, "__import__")`,
		`mod_exec_impl->HPyUnicode_FromString(ctx, "pkg.sub")`,
		`mod_exec_impl->PyImport_ImportModule("importlib")`,
		"mod_exec_impl->start_and_wait()",
	}
	if got := callsIn(f); !reflect.DeepEqual(got, want) {
		t.Errorf("calls:\n got  %q\n want %q", got, want)
	}
	var assigns []string
	for _, a := range f.Assigns {
		call := f.CallAt(a.Value)
		if call == nil || src[a.TargetSpan.Start] != a.Target[0] {
			t.Errorf("assign %+v: call %v", a, call)
			continue
		}
		assigns = append(assigns, a.Target+"="+call.Name)
	}
	if want := []string{"rc=pthread_join", "builtins=HPyImport_ImportModule", "imp=HPy_GetAttr_s", "name=HPyUnicode_FromString", "il=PyImport_ImportModule"}; !reflect.DeepEqual(assigns, want) {
		t.Errorf("assigns = %v, want %v", assigns, want)
	}
	var slots []string
	for _, s := range f.ModuleSlots {
		slots = append(slots, s.Slot+":"+s.Func+":"+string(src[s.FuncSpan.Start:s.FuncSpan.End]))
	}
	if want := []string{"Py_mod_create:create:create", "Py_mod_exec:exec2:exec2"}; !reflect.DeepEqual(slots, want) {
		t.Errorf("module slots = %v, want %v", slots, want)
	}
	var macros []string
	for _, m := range f.StatementMacros {
		macros = append(macros, f.Functions[f.FunctionAt(m.Span.Start)].Name+":"+m.Name)
	}
	want = []string{
		"start_and_wait:Py_BEGIN_ALLOW_THREADS", "start_and_wait:Py_END_ALLOW_THREADS",
		"wait_cond:Py_BEGIN_ALLOW_THREADS", "wait_cond:Py_END_ALLOW_THREADS", "wait_cond:Py_BEGIN_ALLOW_THREADS", "wait_cond:Py_END_ALLOW_THREADS",
		"wait_leaving_python:HPy_BEGIN_LEAVE_PYTHON", "wait_leaving_python:HPy_END_LEAVE_PYTHON",
		"wait_leaving_python:HPy_BEGIN_LEAVE_PYTHON", "wait_leaving_python:HPy_END_LEAVE_PYTHON",
		"mod_exec_impl:PyDateTime_IMPORT",
	}
	if !reflect.DeepEqual(macros, want) {
		t.Errorf("statement macros:\n got  %v\n want %v", macros, want)
	}
	if f.FunctionAt(0) != -1 {
		t.Error("FunctionAt(0) should be file scope")
	}
}

func TestCallGraphFactsCPlusPlus(t *testing.T) {
	f, _ := extractFile(t, "threads.cpp")
	want := []string{
		"start_workers->std::thread(pool::work, 3)",
		`start_workers->HPy_GetAttr_s(ctx, ctx->h_Builtins, "__import__")`,
		"start_workers->pool::helper()",
	}
	if got := callsIn(f); !reflect.DeepEqual(got, want) {
		t.Errorf("calls:\n got  %q\n want %q", got, want)
	}
	var methods []string
	for _, m := range f.MethodCalls {
		methods = append(methods, m.Receiver+"."+m.Name)
	}
	if want := []string{"t.join", "t2.join"}; !reflect.DeepEqual(methods, want) {
		t.Errorf("method calls = %v, want %v", methods, want)
	}
	var threads []string
	for _, o := range f.ThreadObjects {
		threads = append(threads, o.Type+" "+o.Name)
	}
	if want := []string{"std::thread t", "std::jthread j"}; !reflect.DeepEqual(threads, want) {
		t.Errorf("thread objects = %v, want %v", threads, want)
	}
	var slots []string
	for _, s := range f.ModuleSlots {
		slots = append(slots, s.Slot+":"+s.Func)
	}
	if want := []string{"Py_mod_create:create", "Py_mod_exec:start_workers"}; !reflect.DeepEqual(slots, want) {
		t.Errorf("module slots = %v, want %v", slots, want)
	}
	if len(f.StatementMacros) != 3 || len(f.Assigns) != 2 {
		t.Errorf("statement macros %+v, assigns %+v", f.StatementMacros, f.Assigns)
	}
}

// A test of a macro among the conjuncts of an #if decides its branch
// when the macro is known not to hold; its #else, which any other
// conjunct can open, stays compiled. Alternatives (||) of such tests
// decide the #if when one holds, or when all are known not to; with any
// other alternative, nothing is known. A macro compared with a number
// decides its #if where it is undefined.
func TestConditionalsOnConjuncts(t *testing.T) {
	src := []byte(`#include "hpy.h"
#if defined(V) && V < 3
int v_then;
#else
int v_else;
#endif
#if (!defined(W) && (LEVEL > 1)) && defined Z
int wz_then;
#endif
#if defined(A) || defined(B)
int ab_then;
#else
int ab_else;
#endif
#if defined(A) || LEVEL > 2
int a_or_level;
#endif
#if VERSION >= 0x03090000
int ge_then;
#else
int ge_else;
#endif
#if 3 > MAJOR
int gt_then;
#else
int gt_else;
#endif
#if defined(C) && VERSION != 0UL
int cv_then;
#endif
#if 0
int zero_then;
#else
int zero_else;
#endif
#if (1)
int one_then;
#else
int one_else;
#endif
#if 0 && defined(C)
int zero_and;
#endif
`)
	f, err := Extract(C, src)
	if err != nil {
		t.Fatal(err)
	}
	at := func(needle string) int { return bytes.Index(src, []byte(needle)) }
	none := func(string) (bool, bool) { return false, true } // no macro defined
	all := func(m string) (bool, bool) { return true, true }
	cases := []struct {
		needle    string
		none, all bool
	}{
		{"v_then", false, true},
		{"v_else", true, true},
		{"wz_then", false, false}, // W undefined and Z defined cannot both come from one answer
		{"ab_then", false, true},
		{"ab_else", true, false},
		{"a_or_level", true, true}, // LEVEL > 2 is not known: nothing is
		// A macro compared with a number reads as 0 where it is undefined;
		// where it is defined, its value is not known.
		{"ge_then", false, true},
		{"ge_else", true, true},
		{"gt_then", true, true},
		{"gt_else", false, true},
		{"cv_then", false, true},
		// A number holds or not, whatever is defined.
		{"zero_then", false, false},
		{"zero_else", true, true},
		{"one_then", true, true},
		{"one_else", false, false},
		{"zero_and", false, false},
	}
	for _, c := range cases {
		if got := f.Compiled(at(c.needle), none); got != c.none {
			t.Errorf("%s compiled with no macro defined = %v, want %v (conditionals %+v)", c.needle, got, c.none, f.Conditionals)
		}
		if got := f.Compiled(at(c.needle), all); got != c.all {
			t.Errorf("%s compiled with every macro defined = %v, want %v (conditionals %+v)", c.needle, got, c.all, f.Conditionals)
		}
	}
	wz := func(m string) (bool, bool) { return m == "Z", m == "W" || m == "Z" }
	if !f.Compiled(at("wz_then"), wz) {
		t.Errorf("wz_then not compiled with W undefined and Z defined (conditionals %+v)", f.Conditionals)
	}
}
