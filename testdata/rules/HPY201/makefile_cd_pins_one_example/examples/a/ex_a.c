#include "hpy.h"

HPyDef_METH(spin, "spin", HPyFunc_NOARGS)
static HPy spin_impl(HPyContext *ctx, HPy self)
{
    Py_RETURN_NONE;  // want "HPY201"
}

static HPyDef *module_defines[] = { &spin, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(ex_a, moduledef)
