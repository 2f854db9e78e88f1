/* One function, a branch per ABI: a universal build compiles only the
   last one. */
#include "hpy.h"

static HPy as_object(HPyContext *ctx, HPy h)
{
#if defined(HPY_ABI_CPYTHON)
    Py_INCREF(Py_None);
    return HPy_Dup(ctx, h);
#elif defined(HPY_ABI_HYBRID)
    return HPy_FromPyObject(ctx, HPy_AsPyObject(ctx, h));
#elifndef HPY_ABI_UNIVERSAL
    PyErr_BadInternalCall();
    return HPy_NULL;
#else
    PyErr_Clear();  // want "HPY201"
    return HPy_Dup(ctx, h);
#endif
}

static HPyDef *module_defines[] = { NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(chain, moduledef)
