/* One gated call, not compiled in a universal build, and one that is. */
#include <time.h>
#include "hpy.h"

HPyDef_METH(now, "now", HPyFunc_NOARGS)
static HPy now_impl(HPyContext *ctx, HPy module)
{
#if defined(PY_VERSION_HEX) && PY_VERSION_HEX < 0x03080000
    PyErr_WarnEx(PyExc_DeprecationWarning, "old Python", 1);
#endif
    return PyFloat_FromDouble((double)time(NULL));
}

static HPyDef *module_defines[] = { &now, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(clock, moduledef)
