#include "hpy.h"

int walk(HPyContext *ctx, HPy node, int depth);

HPyDef_SLOT(app_exec, HPy_mod_exec)
static int app_exec_impl(HPyContext *ctx, HPy m)
{
    return walk(ctx, m, 0);
}

static HPyDef *module_defines[] = { &app_exec, NULL };
static HPyModuleDef moduledef = { .doc = "app", .defines = module_defines };
HPy_MODINIT(app, moduledef)
