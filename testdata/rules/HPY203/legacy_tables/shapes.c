#include "hpy.h"

/* The entries of the legacy tables are CPython's, but HPY203 reports each
   table once, where a legacy field names it: no HPY201 inside. */
static PyObject *area(PyObject *self, PyObject *args)  // want "HPY201" "HPY201" "HPY201"
{
    return PyFloat_FromDouble(1.0);  // want "HPY201"
}

static PyMethodDef square_methods[] = {
    {"area", (PyCFunction)area, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot square_legacy_slots[] = {
    {Py_tp_methods, square_methods},
    {0, 0}
};

static PyMethodDef module_methods[] = {
    {"area", (PyCFunction)area, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

/* Not named by any legacy field: its CPython names are reported. */
static PyMethodDef unused_methods[] = {  // want "HPY201"
    {"area", (PyCFunction)area, METH_O, NULL},  // want "HPY201" "HPY201"
    {NULL, NULL, 0, NULL}
};

static HPyType_Spec square_spec = {
    .name = "shapes.Square",
    .legacy_slots = square_legacy_slots,  // want "HPY203"
};

static HPyModuleDef moduledef = {
    .legacy_methods = module_methods,  // want "HPY203"
};
HPy_MODINIT(shapes, moduledef)
