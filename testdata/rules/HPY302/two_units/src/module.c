#include "hpy.h"
#include "prepare.h"

/* The module object is made by hand, from the spec. */
HPyDef_SLOT(create, HPy_mod_create)
static HPy create_impl(HPyContext *ctx, HPy spec, HPyModuleDef *def)
{
    if (prepare_module(ctx, spec) < 0)
        return HPy_NULL;
    return HPy_Dup(ctx, spec);
}

static HPyDef *module_defines[] = { &create, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(_native, moduledef)
