#include "hpy.h"

/* A place whose own finding is suppressed is not counted: HPY209 counts
   the one left. Both suppressions are used (no HPY001). */
HPyDef_METH(read, "read", HPyFunc_NOARGS)
static HPy read_impl(HPyContext *ctx, HPy self)
{
    (void)PyErr_Occurred();  // hpylint: ignore[HPY201] guarded by our own macro
    (void)PyList_New(0);
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyDef *volt_defines[] = { &read, NULL };
static HPyModuleDef moduledef = { .defines = volt_defines };
HPy_MODINIT(_volt, moduledef)
