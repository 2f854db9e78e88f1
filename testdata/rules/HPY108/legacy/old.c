#include "hpy.h"

static HPyModuleDef moduledef = {
    HPyModuleDef_HEAD_INIT,
    .m_name = "old",
};

HPy_MODINIT(old)  // want "HPY108"
static HPy init_old_impl(HPyContext *ctx)
{
    return HPyModule_Create(ctx, &moduledef);
}
