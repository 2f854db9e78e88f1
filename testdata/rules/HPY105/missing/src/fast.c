#include "hpy.h"

HPyDef_METH(twice, "twice", HPyFunc_O)
static HPy twice_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Add(ctx, arg, arg);
}

static HPyDef *module_defines[] = { &twice, NULL };

static HPyModuleDef moduledef = {
    .doc = "A universal extension without a CPython entrypoint.",
    .defines = module_defines,
};

HPy_MODINIT(_fast, moduledef)  // want "HPY105"
