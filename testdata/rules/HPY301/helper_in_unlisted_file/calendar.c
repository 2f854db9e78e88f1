#include "hpy.h"

int load_date_support(void);

static HPyModuleDef moduledef = { .doc = "calendar" };

HPy_MODINIT(calendar)  // want "HPY108"
static HPy init_calendar_impl(HPyContext *ctx)
{
    HPy m = HPyModule_Create(ctx, &moduledef);
    if (HPy_IsNull(m) || load_date_support() < 0)
        return HPy_NULL;
    return m;
}
