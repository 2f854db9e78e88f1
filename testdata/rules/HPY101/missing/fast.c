#include "hpy.h"

HPyDef_METH(double_it, "double_it", HPyFunc_O)
static HPy double_it_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Add(ctx, arg, arg);
}

static HPyDef *module_defines[] = { &double_it, NULL };

static HPyModuleDef moduledef = {
    .doc = "defined, but no HPy_MODINIT names it",
    .defines = module_defines,
};
