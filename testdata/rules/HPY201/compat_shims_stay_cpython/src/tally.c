#include "hpy.h"
#include "compat.h"

HPyDef_METH(bump, "bump", HPyFunc_O)
static HPy bump_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long n = HPyLong_AsLong(ctx, arg) + PyTally_STEP;
    if (n < 0) {
        void *legacy = Py_NewRef(arg);  // want "HPY201"
        (void)legacy;
    }
    return HPyLong_FromLong(ctx, n);
}

HPyDef_METH(ready, "ready", HPyFunc_NOARGS)
static HPy ready_impl(HPyContext *ctx, HPy self)
{
    Py_RETURN_TRUE;  // want "HPY201"
}

static HPyDef *module_defines[] = { &bump, &ready, NULL };

static HPyModuleDef moduledef = { .doc = "tallies", .defines = module_defines };

HPy_MODINIT(tally, moduledef)
