/* legacy.c: written in 1998 by François Müller, saved in Latin-1 as
   many sources of that time. Not UTF-8, but every C compiler reads it:
   the file is analysed all the same. */
#include "hpy.h"

HPyDef_METH(twice, "twice", HPyFunc_O)
static HPy twice_impl(HPyContext *ctx, HPy self, HPy arg)
{
    return HPy_Add(ctx, arg, arg);
}

static HPy self_check(HPyContext *ctx)
{
    /* été */ return HPy_FromPyObject(ctx, Py_None);  // want "HPY203" "HPY201"
}

static HPyDef *module_defines[] = { &twice, NULL };
static HPyModuleDef moduledef = { .doc = "déjà vu", .defines = module_defines };
HPy_MODINIT(legacy, moduledef)
