#include "hpy.h"

/* __import__ fetched from builtins and called with a name built from a
   literal: still an import of this very module. */
static HPy import_by_name(HPyContext *ctx)
{
    HPy imp = HPy_GetAttr_s(ctx, ctx->h_Builtins, "__import__");
    HPy name = HPyUnicode_FromString(ctx, "fast" "mod");
    HPy result = HPy_Call(ctx, imp, &name, 1, HPy_NULL);  // want "HPY303"
    HPy_Close(ctx, name);
    HPy_Close(ctx, imp);
    return result;
}

HPyDef_SLOT(fast_exec, HPy_mod_exec)
static int fast_exec_impl(HPyContext *ctx, HPy m)
{
    HPy self = import_by_name(ctx);
    return HPy_IsNull(self) ? -1 : 0;
}

static HPyDef *module_defines[] = { &fast_exec, NULL };
static HPyModuleDef moduledef = { .doc = "fast", .defines = module_defines };
HPy_MODINIT(fastmod, moduledef)
