#include "hpy.h"
#include "level/clamp.h"

HPyDef_METH(clamp, "clamp", HPyFunc_O)
static HPy clamp_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long v = PyLevel_Clamp(HPyLong_AsLong(ctx, arg), 0, PyLevel_MAX);
    return PyLong_FromLong(v);  // want "HPY201"
}

static HPyDef *module_defines[] = { &clamp, NULL };

static HPyModuleDef moduledef = { .doc = "levels", .defines = module_defines };

HPy_MODINIT(level, moduledef)
