#include "hpy.h"

HPyDef_SLOT(good_exec, HPy_mod_exec)
static int good_exec_impl(HPyContext *ctx, HPy module)
{
    return 0;
}

HPyDef_METH(good_hello, "hello", HPyFunc_NOARGS, .doc = "say hello")
static HPy good_hello_impl(HPyContext *ctx, HPy self)
{
    return HPyUnicode_FromString(ctx, "hello");
}

static HPyDef *module_defines[] = { &good_exec, &good_hello, NULL };

static HPyModuleDef moduledef = {
    .doc = "fine",
    .size = 0,
    .defines = module_defines,
    .globals = NULL,
};

HPy_MODINIT(good, moduledef)
