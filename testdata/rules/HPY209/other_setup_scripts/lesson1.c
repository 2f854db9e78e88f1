#include "hpy.h"

HPyDef_METH(answer, "answer", HPyFunc_NOARGS)
static HPy answer_impl(HPyContext *ctx, HPy self)
{
    return HPy_FromPyObject(ctx, PyLong_FromLong(42));
}

static HPyDef *defines[] = { &answer, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(lesson1, moduledef)
