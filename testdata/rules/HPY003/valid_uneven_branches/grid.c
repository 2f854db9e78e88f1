#include "hpy.h"

static long fill_steps(long *steps, const long *sizes, int n, int order);

HPyDef_METH(size, "size", HPyFunc_NOARGS)
static HPy size_impl(HPyContext *ctx, HPy self)
{
    long steps[2], sizes[2] = {3, 4};
    return HPyLong_FromLong(ctx, fill_steps(steps, sizes, 2, 0));
}

static HPyDef *module_defines[] = {&size, NULL};

static HPyModuleDef moduledef = {
    .doc = "grid",
    .defines = module_defines,
};

HPy_MODINIT(grid, moduledef)

/* Each branch of the #if opens a block that one closing brace after the
   #endif ends: the compiler sees one branch, a parser that reads both sees
   an extra '{'. */
static long fill_steps(long *steps, const long *sizes, int n, int order)
{
    long step = 1;
    int i;
    if (n > 0) {
        steps[0] = 1;
#if GRID_KEEP_ORDER
        if (order > 0) {
            for (i = 0; i < n; i++) {
                steps[i] = step;
                step *= sizes[i];
            }
        }
        else if (order < 0) {
            for (i = n - 1; i >= 0; i--) {
                steps[i] = step;
                step *= sizes[i];
            }
        }
        else {
#else
        /* Always in reverse order */
        {
#endif
            for (i = 0; i < n; ++i) {
                steps[i] = sizes[i];
            }
        }
    }
    return step;
}
