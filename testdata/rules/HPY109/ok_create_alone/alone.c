#include "hpy.h"

HPyDef_SLOT(alone_create, HPy_mod_create)
static HPy alone_create_impl(HPyContext *ctx, HPy spec, HPy def)
{
    return HPy_NULL;
}

static HPyDef *module_defines[] = { &alone_create, NULL };
static HPyModuleDef moduledef = { .doc = NULL, .defines = module_defines };

HPy_MODINIT(alone, moduledef)
