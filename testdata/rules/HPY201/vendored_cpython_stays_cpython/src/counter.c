#include "hpy.h"

HPyDef_METH(count, "count", HPyFunc_O)
static HPy count_impl(HPyContext *ctx, HPy self, HPy arg)
{
    /* The interpreter copied under third_party/ does not make this ours. */
    void *legacy = PyLong_FromLong(HPyLong_AsLong(ctx, arg));  // want "HPY201"
    return legacy == NULL ? HPy_NULL : HPy_Dup(ctx, arg);
}

static HPyDef *module_defines[] = { &count, NULL };

static HPyModuleDef moduledef = { .doc = "counter", .defines = module_defines };

HPy_MODINIT(counter, moduledef)
