#include "hpy.h"

HPyDef_METH(add, "add", HPyFunc_VARARGS)
static HPy add_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    return HPyLong_FromLong(ctx, 42);
}

static HPyDef *module_defines[] = { &add, NULL };

static HPyModuleDef moduledef = {
    .doc = "fast helpers",
    .defines = module_defines,
};

/* The extension is speedups._speedups: the loader looks up HPyInit__speedups. */
HPy_MODINIT(speedups, moduledef)
