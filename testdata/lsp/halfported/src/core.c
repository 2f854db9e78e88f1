#include "hpy.h"

extern HPyDef extra;

HPyDef_METH(size, "size", HPyFunc_NOARGS)
static HPy size_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, (long)PyList_Size(NULL));
}

static HPyDef *core_defines[] = { &size, &extra, NULL };
static HPyModuleDef moduledef = { .defines = core_defines };
HPy_MODINIT(_core, moduledef)
