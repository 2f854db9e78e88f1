#include "hpy.h"

/* Another extension importing fastmod: an ordinary import. */
HPyDef_SLOT(other_exec, HPy_mod_exec)
static int other_exec_impl(HPyContext *ctx, HPy m)
{
    HPy args = HPyTuple_Pack(ctx, 1, HPyUnicode_FromString(ctx, "fastmod"));
    HPy imp = HPy_GetAttr_s(ctx, ctx->h_Builtins, "__import__");
    HPy fast = HPy_CallTupleDict(ctx, imp, args, HPy_NULL);
    return HPy_IsNull(fast) ? -1 : 0;
}

static HPyDef *module_defines[] = { &other_exec, NULL };
static HPyModuleDef moduledef = { .doc = "other", .defines = module_defines };
HPy_MODINIT(other, moduledef)
