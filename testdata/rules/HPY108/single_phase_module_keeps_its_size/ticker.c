#include "hpy.h"

HPyDef_METH(tick, "tick", tick_impl, HPyFunc_NOARGS)
static HPy tick_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 1);
}

static HPyDef *module_defines[] = { &tick, NULL };

/* HPy 0.0.4's module definition: single-phase, .size = -1 as it wanted. */
static HPyModuleDef moduledef = {
    .name = "ticker",
    .size = -1,
    .defines = module_defines,
};

HPy_MODINIT(ticker)  // want "HPY108"
static HPy init_ticker_impl(HPyContext *ctx)
{
    return HPyModule_Create(ctx, &moduledef);
}
