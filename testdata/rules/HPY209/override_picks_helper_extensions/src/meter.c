#include "hpy.h"

static Py_ssize_t readings;

HPyDef_METH(count, "count", HPyFunc_NOARGS)
static HPy count_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromSsize_t(ctx, (HPy_ssize_t)readings);
}

static HPyDef *defines[] = { &count, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(_meter_hpy, moduledef)
