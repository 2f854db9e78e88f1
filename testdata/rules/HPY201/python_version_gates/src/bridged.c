/* compat.h includes Python.h, which defines PYPY_VERSION_NUM on PyPy:
   the gated call is compiled there. */
#include "hpy.h"
#include "compat.h"  // want "HPY202"

static HPy report(HPyContext *ctx)
{
#if defined(PYPY_VERSION_NUM) && PYPY_VERSION_NUM < 0x07030600
    PyErr_SetFromErrno(PyExc_OSError);  // want "HPY201" "HPY201"
#endif
    return HPy_NULL;
}

static HPyDef *module_defines[] = { NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(bridged, moduledef)
