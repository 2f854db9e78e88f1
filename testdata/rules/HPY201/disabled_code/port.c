/* A port in progress keeps the CPython code it replaced behind #if 0:
   no compiler sees it, and neither is it held against the build. */
#include "hpy.h"
#if 0
#include <Python.h>
#endif

static HPy describe(HPyContext *ctx, HPy obj)
{
#if 0
    printf("object: ");
    PyObject_Print(HPy_AsPyObject(ctx, obj), stdout, 0);
#endif
#if (1)
    return HPy_Repr(ctx, obj);
#else
    return HPy_FromPyObject(ctx, PyObject_Repr(NULL));
#endif
}

static HPy check(HPyContext *ctx, HPy obj)
{
#if 0 && defined(PORT_DEBUG)
    PyErr_SetString(PyExc_SystemError, "unreachable");
#endif
#if !0
    PyErr_Clear();  // want "HPY201"
#endif
    return HPy_Dup(ctx, obj);
}

static HPyDef *module_defines[] = { NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(port, moduledef)
