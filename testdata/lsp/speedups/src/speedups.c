#include "hpy.h"

HPyDef_METH(add, "add", HPyFunc_VARARGS)
static HPy add_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    return HPy_Add(ctx, args[0], args[1]);
}

HPyDef_SLOT(speedups_exec, HPy_mod_exec)
static int speedups_exec_impl(HPyContext *ctx, HPy module)
{
    return 0;
}

static HPyDef *module_defines[] = { &add, &speedups_exec, NULL };

static HPyModuleDef moduledef = {
    .doc = "Fast helpers.",
    .defines = module_defines,
};

HPy_MODINIT(speedups, moduledef)
