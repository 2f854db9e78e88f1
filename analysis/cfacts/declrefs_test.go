package cfacts

import (
	"fmt"
	"reflect"
	"testing"
)

// Names a file declares itself are marked DeclRef; uses, parameters,
// locals and CPython-style declarations are not.
func TestDeclRefs(t *testing.T) {
	src := []byte(`#include "hpy.h"
NPY_NO_EXPORT PyObject *
PyArray_Foo(int x);
extern HPy PyFooDecoderNew(HPyContext *ctx, PyObject *PyArg);
static HPyGlobal PyFooType;
PyAPI_FUNC(PyObject *) PyBar(void);
struct PyFooState { int a; };
struct PyFwd;
typedef struct PyTagged { int b; } PyTaggedObject;
enum { PyFoo_A = 1, PyFoo_B };
PyObject *(*PyFoo_ptr)(int);
static const char PyFoo__doc__[] = "x";
PyTypeObject PyFoo_Type = { 0 };
extern NPY_NO_EXPORT PyTypeObject PyMacroTyped_Type;
NPY_NO_EXPORT PyTypeObject PyMacroTyped2_Type = { 0 };
NPY_NO_EXPORT PyTypeObject* _PyMacroTyped_p = NULL;
extern NPY_NO_EXPORT PyTypeObject* _PyMacroTyped_q;
#ifdef HPY_ABI_CPYTHON
int PyCond;
#endif
static int f(void)
{
    struct PyMethodDef *m = 0;
    int PyLocal = PyFoo_A;
    Py_DECREF(PyFoo_ptr);
    return PyLocal;
}
`)
	f, err := Extract(C, src)
	if err != nil {
		t.Fatal(err)
	}
	var decl, other []string
	for _, r := range f.Refs {
		if r.Kind == DeclRef {
			decl = append(decl, r.Name)
		} else {
			other = append(other, r.Name)
		}
	}
	want := []string{"PyArray_Foo", "PyFooDecoderNew", "PyFooType", "PyFooState", "PyFwd", "PyTagged", "PyFoo_A", "PyFoo_B", "PyFoo_ptr", "PyFoo__doc__", "PyFoo_Type", "PyMacroTyped_Type", "PyMacroTyped2_Type", "_PyMacroTyped_p", "_PyMacroTyped_q", "PyCond"}
	if !reflect.DeepEqual(decl, want) {
		t.Errorf("declared = %v\nwant       %v", decl, want)
	}
	wantOther := []string{"PyObject", "PyObject", "PyArg", "PyAPI_FUNC", "PyObject", "PyBar", "PyTaggedObject", "PyObject", "PyTypeObject", "PyTypeObject", "PyTypeObject", "PyTypeObject", "PyTypeObject", "PyMethodDef", "PyLocal", "PyFoo_A", "Py_DECREF", "PyFoo_ptr", "PyLocal"}
	if !reflect.DeepEqual(other, wantOther) {
		t.Errorf("other = %v\nwant    %v", other, wantOther)
	}
}

func TestMacroDefinedNames(t *testing.T) {
	f, err := Extract(C, []byte(`HPyDef_METH(PyFoo_method, "m", HPyFunc_NOARGS)
HPyDef_METH(old_meth, "o", old_impl, HPyFunc_O)
HPyDef_METH_IMPL(m2, "m2", m2_body, HPyFunc_O)
HPyDef_SLOT(rep, HPy_tp_repr)
HPyDef_SLOT_IMPL(rep2, rep2_body, HPy_tp_repr)
HPyDef_GET(g, "g", .doc = "x")
HPyDef_GETSET_IMPL(gs, "gs", getter, setter)
HPyDef_MEMBER(mem, "mem", HPyMember_INT, 0)
HPyDef_CALL_FUNCTION(call)
HPyType_HELPERS(PyFoo, HPyType_BuiltinShape_Long)
HPyType_LEGACY_HELPERS(PyLegacy)
HPy_MODINIT(mod, moduledef)
`))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for i := range f.Macros {
		got = append(got, f.Macros[i].DefinedNames())
	}
	want := [][]string{
		{"PyFoo_method", "PyFoo_method_trampoline", "PyFoo_method_impl"},
		{"old_meth", "old_meth_trampoline", "old_impl"},
		{"m2", "m2_trampoline", "m2_body"},
		{"rep", "rep_trampoline", "rep_slot", "rep_impl"},
		{"rep2", "rep2_trampoline", "rep2_slot", "rep2_body"},
		{"g", "g_get_trampoline", "g_get"},
		{"gs", "gs_get_trampoline", "gs_set_trampoline", "getter", "setter"},
		{"mem"},
		{"call", "call_trampoline", "call_impl"},
		{"PyFoo_AsStruct", "PyFoo_SHAPE", "PyFoo_IS_LEGACY"},
		{"PyLegacy_AsStruct", "PyLegacy_SHAPE", "PyLegacy_IS_LEGACY"},
		{"HPyInit_mod", "init_mod_impl"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// In C++, `MACRO T *f(...) { ... }` parses as a qualified name `T ::f`
// whose `::` is missing, with f a type name: f is still the function
// defined there, and its name a declaration, not a use. A real qualified
// definition keeps its qualified name.
func TestCppMisreadReturnType(t *testing.T) {
	src := []byte(`#define EXPORT_API static inline
EXPORT_API cpy_PyObject *HPy_AsPyObject(HPyContext *ctx, HPy h) {
    return 0;
}
EXPORT_API HPy **PyFoo_Slots(HPy *s) { return &s; }
int Holder::PyFoo_Method(void) { return 0; }
static HPy use(HPyContext *ctx, HPy h) {
    HPy_AsPyObject(ctx, h);
    return h;
}
`)
	f, err := Extract(CPP, src)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fn := range f.Functions {
		names = append(names, fn.Name)
	}
	if want := []string{"HPy_AsPyObject", "PyFoo_Slots", "Holder::PyFoo_Method", "use"}; !reflect.DeepEqual(names, want) {
		t.Errorf("functions = %q, want %q", names, want)
	}
	var refs []string
	for _, r := range f.Refs {
		refs = append(refs, fmt.Sprintf("%s:%d", r.Name, r.Kind))
	}
	want := []string{
		fmt.Sprintf("HPy_AsPyObject:%d", DeclRef), fmt.Sprintf("PyFoo_Slots:%d", DeclRef),
		fmt.Sprintf("PyFoo_Method:%d", ValueRef), fmt.Sprintf("HPy_AsPyObject:%d", ValueRef),
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("refs = %q, want %q", refs, want)
	}
}
