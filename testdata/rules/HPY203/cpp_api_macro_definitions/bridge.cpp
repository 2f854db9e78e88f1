#include "hpy.h"
#include "bridge_api.h"

HPyDef_METH(roundtrip, "roundtrip", HPyFunc_O)
static HPy roundtrip_impl(HPyContext *ctx, HPy self, HPy arg)
{
    cpy_PyObject *o = HPy_AsPyObject(ctx, arg);  // want "HPY203"
    (void)o;
    return HPy_Dup(ctx, *bridge_slot(&arg, 0));
}

static HPyDef *module_defines[] = { &roundtrip, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(bridge, moduledef)
