#include "hpy.h"

HPyDef_METH(answer, "answer", HPyFunc_NOARGS)
static HPy answer_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 42);
}

static HPyDef *module_defines[] = { &answer, NULL };
static HPyModuleDef moduledef = { .doc = "pof", .defines = module_defines };
HPy_MODINIT(pof, moduledef)
