/* The source configures the header it shares with the CPython build of
   the same library. */
#define TALLY_INTERNAL
#include "hpy.h"
#include "tally.h"

HPyDef_METH(count, "count", HPyFunc_NOARGS)
static HPy count_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromSsize_t(ctx, tally_total());
}

#ifndef TALLY_FAST
static long slow_path(void) { return PyLong_AsLong(NULL); }
#endif

static HPyDef *defines[] = { &count, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(tally, moduledef)
