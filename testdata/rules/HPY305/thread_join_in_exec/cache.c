#include "hpy.h"

int warm_up(void);

HPyDef_SLOT(cache_exec, HPy_mod_exec)
static int cache_exec_impl(HPyContext *ctx, HPy m)
{
    return warm_up();
}

static HPyDef *module_defines[] = { &cache_exec, NULL };
static HPyModuleDef moduledef = { .doc = "cache", .defines = module_defines };
HPy_MODINIT(cache, moduledef)
