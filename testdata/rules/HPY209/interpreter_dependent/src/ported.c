#include "hpy.h"

/* Nothing left to port: no HPY209 for this extension. */
HPyDef_METH(read, "read", HPyFunc_NOARGS)
static HPy read_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 1);
}

static HPyDef *ported_defines[] = { &read, NULL };
static HPyModuleDef moduledef = { .defines = ported_defines };
HPy_MODINIT(_ported, moduledef)
