#include "hpy.h"
#include "attrs.h"

/* A storage-class macro alone costs nothing: the definition is read. */
#define VEC_API static

VEC_API long vec_len(long n)
{
    return n < 0 ? 0 : n;
}

static VEC_NONNULL(1) long /* want "HPY004" */
vec_sum(const long *items, long n)
{
    long total = 0;
    long i;
    for (i = 0; i < vec_len(n); i++) {
        total += items[i];
    }
    return total;
}

HPyDef_METH(total, "total", HPyFunc_NOARGS)
static HPy total_impl(HPyContext *ctx, HPy self)
{
    long items[3] = {1, 2, 3};
    return HPyLong_FromLong(ctx, vec_sum(items, 3));
}

static HPyDef *module_defines[] = {&total, NULL};

static HPyModuleDef moduledef = {
    .doc = "vec",
    .defines = module_defines,
};

HPy_MODINIT(vec, moduledef)
