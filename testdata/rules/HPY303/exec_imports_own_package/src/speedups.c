#include "hpy.h"

static HPyGlobal default_options;

/* pkg/sub/__init__.py does `from ._speedups import *`: importing pkg.sub
   from here re-enters this module's import. */
HPyDef_SLOT(speedups_exec, HPy_mod_exec)
static int speedups_exec_impl(HPyContext *ctx, HPy m)
{
    HPy math = HPyImport_ImportModule(ctx, "math");
    HPy sub = HPyImport_ImportModule(ctx, "pkg.sub");  // want "HPY303"
    if (HPy_IsNull(math) || HPy_IsNull(sub))
        return -1;
    HPy opts = HPy_GetAttr_s(ctx, sub, "DEFAULTS");
    HPyGlobal_Store(ctx, &default_options, opts);
    return 0;
}

static HPyDef *module_defines[] = { &speedups_exec, NULL };
static HPyModuleDef moduledef = { .doc = "speedups", .defines = module_defines };
HPy_MODINIT(_speedups, moduledef)
