#include "hpy.h"

HPyDef_SLOT(bad_exec, HPy_mod_exec)
static int bad_exec_impl(HPyContext *ctx, HPy module)
{
    return 0;
}

HPyDef_SLOT(bad_new, HPy_tp_new)
static HPy bad_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    return HPy_NULL;
}

static HPyDef *module_defines[] = {
    &bad_exec,
    &bad_new,  // want "HPY109"
    NULL
};

static HPyModuleDef moduledef = {
    .doc = "ported from a CPython module that had m_size = -1",
    .size = -1,  // want "HPY109"
    .defines = module_defines,
};

HPy_MODINIT(bad, moduledef)
