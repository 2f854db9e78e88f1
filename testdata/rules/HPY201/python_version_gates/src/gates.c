/* A universal build of this file includes no Python header: hpy.h pulls
   Python.h in only for the cpython and hybrid ABIs. The macros only
   Python's headers define are undefined, so the version-gated branches
   below are not compiled, and their CPython calls are not the build's. */
#include <stdio.h>
#include "hpy.h"

static HPy report(HPyContext *ctx, long code)
{
#if defined(PYPY_VERSION_NUM) && PYPY_VERSION_NUM < 0x07030600
    PyErr_SetFromErrno(PyExc_OSError);
    return HPy_NULL;
#else
    HPyErr_SetString(ctx, ctx->h_OSError, "failed");
    return HPy_NULL;
#endif
}

static HPy legacy(HPyContext *ctx, HPy obj)
{
#if defined PYPY_VERSION && !defined(GATES_NO_LEGACY)
    return HPy_FromPyObject(ctx, Py_None);
#endif
    return HPy_Dup(ctx, obj);
}

static HPy both(HPyContext *ctx)
{
    /* The #else of a test with other conditions is compiled when any of
       them fails: its code counts. */
#if defined(PY_VERSION_HEX) && PY_VERSION_HEX >= 0x030900f0
    return HPy_NULL;
#else
    Py_INCREF(Py_None);  // want "HPY201" "HPY201"
    return HPy_NULL;
#endif
}

static HPy either(HPyContext *ctx)
{
    /* Either test may hold: not known, so compiled. */
#if defined(PYPY_VERSION) || defined(GATES_FORCE)
    PyErr_Clear();  // want "HPY201"
#endif
    return HPy_NULL;
}

static HPy compared(HPyContext *ctx)
{
    /* Undefined, PY_VERSION_HEX and PY_MAJOR_VERSION read as 0: a test
       that they are at least some version fails, one that they are below
       it holds, and the branch it leaves out is not compiled. */
#if PY_VERSION_HEX >= 0x03090000
    PyErr_Occurred();
#else
    PyObject_CallObject(NULL, NULL);  // want "HPY201"
#endif
#if PY_MAJOR_VERSION < 3
    PyErr_Clear();  // want "HPY201"
#else
    PyLong_FromLong(1);
#endif
#if 3 <= PY_MAJOR_VERSION && !defined(GATES_NO_LEGACY)
    PyErr_Print();
#endif
    return HPy_NULL;
}

static HPy hybrid_only(HPyContext *ctx, HPy h)
{
    /* hpy.h's own test: neither ABI macro is defined in a universal
       build, so this is not compiled there. */
#if defined(HPY_ABI_CPYTHON) || defined(HPY_ABI_HYBRID)
    return HPy_FromPyObject(ctx, HPy_AsPyObject(ctx, h));
#else
    return HPy_Dup(ctx, h);
#endif
}

static HPyDef *module_defines[] = { NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(gates, moduledef)
