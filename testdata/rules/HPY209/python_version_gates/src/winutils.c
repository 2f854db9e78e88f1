/* Every CPython call here is behind a test of PyPy's version, which only
   Python's headers define: none is compiled in a universal build, and the
   extension is ready for one. */
#ifdef _WIN32
#include <windows.h>
#endif
#include "hpy.h"

HPyDef_METH(app_id, "app_id", HPyFunc_NOARGS)
static HPy app_id_impl(HPyContext *ctx, HPy module)
{
#ifdef _WIN32
    long hr = -1;
    if (hr < 0) {
#if defined(PYPY_VERSION_NUM) && PYPY_VERSION_NUM < 0x07030600
        PyErr_SetFromWindowsErr(hr);
        return HPy_NULL;
#endif
    }
#endif
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *module_defines[] = { &app_id, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(winutils, moduledef)
