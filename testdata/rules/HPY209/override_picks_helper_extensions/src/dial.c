#include "hpy.h"

HPyDef_METH(angle, "angle", HPyFunc_NOARGS)
static HPy angle_impl(HPyContext *ctx, HPy self)
{
    return HPy_FromPyObject(ctx, PyLong_FromLong(90));
}

static HPyDef *defines[] = { &angle, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(_dial_hpy, moduledef)
