#include "hpy.h"

/* HPy 0.0.4's one-argument form: HPY108 asks to port it first; the shim
   needs the current form. */
static HPyModuleDef moduledef = { .m_name = "legacy" };
HPy_MODINIT(legacy)  // want "HPY108"
static HPy init_legacy_impl(HPyContext *ctx)
{
    return HPyModule_Create(ctx, &moduledef);
}
