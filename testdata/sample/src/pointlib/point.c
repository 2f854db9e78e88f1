#include "point_type.h"

HPyDef_SLOT(point_exec, HPy_mod_exec)
static int point_exec_impl(HPyContext *ctx, HPy module)
{
    if (!HPyHelpers_AddType(ctx, module, "Point", &point_type_spec, NULL))
        return -1;
    return 0;
}

static HPyDef *module_defines[] = { &point_exec, NULL };

static HPyModuleDef moduledef = {
    .doc = "Points, ported from the CPython C API.",
    /* The CPython original had m_size = -1. */
    .size = -1,
    .defines = module_defines,
};

HPy_MODINIT(point, moduledef)
