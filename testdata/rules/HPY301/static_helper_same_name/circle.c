#include "hpy.h"

/* circle.c's helper, reached through circle_setup. */
static int helper(HPyContext *ctx, HPy m)
{
    HPy math = HPyImport_ImportModule(ctx, "math");  // want "HPY301"
    if (HPy_IsNull(math))
        return -1;
    HPy_Close(ctx, math);
    return 0;
}

int circle_setup(HPyContext *ctx, HPy m)
{
    return helper(ctx, m);
}
