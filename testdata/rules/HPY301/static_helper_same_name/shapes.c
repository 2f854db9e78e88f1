#include "hpy.h"

int circle_setup(HPyContext *ctx, HPy m);

/* shapes.c's own helper: imports nothing. */
static int helper(HPyContext *ctx, HPy m)
{
    return HPy_SetAttr_s(ctx, m, "sides", ctx->h_None);
}

static HPyModuleDef moduledef = { .doc = "shapes" };

HPy_MODINIT(shapes)  // want "HPY108"
static HPy init_shapes_impl(HPyContext *ctx)
{
    HPy m = HPyModule_Create(ctx, &moduledef);
    if (helper(ctx, m) < 0 || circle_setup(ctx, m) < 0)
        return HPy_NULL;
    return m;
}
