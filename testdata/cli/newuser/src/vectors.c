#include "hpy.h"

HPyDef_METH(dot, "dot", HPyFunc_VARARGS)
static HPy dot_impl(HPyContext *ctx, HPy self, const HPy *args, size_t nargs)
{
    return HPyFloat_FromDouble(ctx, 0.0);
}

static HPyDef *module_defines[] = { &dot, NULL };

static HPyModuleDef moduledef = {
    .doc = "vector helpers",
    .defines = module_defines,
};

HPy_MODINIT(vectors, moduledef)
