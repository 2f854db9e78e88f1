#include "prepare.h"

static HPyGlobal helpers;

/* Two calls below the create slot, in another translation unit. */
static int load_helpers(HPyContext *ctx)
{
    HPy mod = HPyImport_ImportModule(ctx, "pkg.helpers");  // want "HPY302"
    if (HPy_IsNull(mod))
        return -1;
    HPyGlobal_Store(ctx, &helpers, mod);
    HPy_Close(ctx, mod);
    return 0;
}

int prepare_module(HPyContext *ctx, HPy spec)
{
    return load_helpers(ctx);
}
