#include "hpy.h"
#include "compat.h"

HPyDef_METH(level, "level", HPyFunc_NOARGS)
static HPy level_impl(HPyContext *ctx, HPy self)
{
    return HPy_FromPyObject(ctx, PyLong_FromLong(7));
}

static HPyDef *defines[] = { &level, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(meter, moduledef)
