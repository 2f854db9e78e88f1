#include "hpy.h"

HPyDef_SLOT(cr_create, HPy_mod_create)
static HPy cr_create_impl(HPyContext *ctx, HPy spec, HPy def)
{
    return HPy_NULL;
}

HPyDef_SLOT_IMPL(cr_create2, cr_create_impl, HPy_mod_create)

HPyDef_METH(cr_hello, "hello", HPyFunc_NOARGS)
static HPy cr_hello_impl(HPyContext *ctx, HPy self)
{
    return HPy_Dup(ctx, ctx->h_None);
}

static HPyModuleDef moduledef = {
    .doc = "a create slot must stand alone",
    .defines = (HPyDef *[]) {
        &cr_create,  // want "HPY109"
        &cr_create2,  // want "HPY109"
        &cr_hello,
        NULL
    },
};

HPy_MODINIT(cr, moduledef)
