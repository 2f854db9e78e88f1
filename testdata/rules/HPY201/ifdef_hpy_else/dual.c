/* One source for two builds: hpy.devel defines HPY, the CPython build of
   the same file takes the #else branches. */
#ifdef HPY
#include "hpy.h"
#else
#include <Python.h>
#endif

#ifdef HPY
HPyDef_METH(twice, "twice", HPyFunc_O)
static HPy twice_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Add(ctx, arg, arg);
}
#else
static PyObject *twice(PyObject *self, PyObject *arg)
{
    return PyNumber_Add(arg, arg);
}
#endif

#ifndef HPY
static PyMethodDef methods[] = {
    {"twice", twice, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
#endif

#if !defined(HPY)
static struct PyModuleDef cpy_moduledef = { PyModuleDef_HEAD_INIT, "dual", NULL, -1, methods };
#endif

static HPy self_check(HPyContext *ctx)
{
    return HPy_FromPyObject(ctx, Py_None);  // want "HPY203" "HPY201"
}

static HPyDef *module_defines[] = { &twice, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(dual, moduledef)
