#include "hpy.h"
#include "money.h"

HPyDef_METH(total, "total", HPyFunc_NOARGS)
static HPy total_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 0);
}

static HPyDef *module_defines[] = { &total, NULL };

static HPyModuleDef moduledef = {
    .name = "ledger",
    .doc = "a tiny ledger",
    .size = 0,
    .defines = module_defines,
};

HPy_MODINIT(ledger)  // want "HPY108"
static HPy init_ledger_impl(HPyContext *ctx)
{
    HPy m = HPyModule_Create(ctx, &moduledef);
    if (HPy_IsNull(m))
        return HPy_NULL;
    if (money_setup(ctx, m) < 0) {
        HPy_Close(ctx, m);
        return HPy_NULL;
    }
    return m;
}
