#include "hpy.h"

/* Same symbol, different extension: separate link units. */
HPyDef_METH(hello, "hello", HPyFunc_NOARGS)
static HPy hello_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *module_defines[] = { &hello, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(other, moduledef)
