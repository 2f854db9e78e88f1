#include "hpy.h"

HPyDef_METH(ping, "ping", HPyFunc_NOARGS)
static HPy ping_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *defines[] = { &ping, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(handbuilt, moduledef)
