/* The port keeps the module's CPython entrypoint and its first HPy one
   under #if 0 while the new one settles: no build compiles them, so
   neither is a second entrypoint, a duplicate or a misnamed one. */
#include "hpy.h"

HPyDef_METH(count, "count", HPyFunc_NOARGS)
static HPy count_impl(HPyContext *ctx, HPy self)
{
    return HPyLong_FromLong(ctx, 1);
}

#if 0
PyMODINIT_FUNC PyInit_counter(void)
{
    return PyModule_Create(&counter_module);
}

HPy_MODINIT(counter_old)
static HPy init_counter_old_impl(HPyContext *ctx)
{
    return HPyModule_Create(ctx, &old_moduledef);
}
#endif

static HPyDef *module_defines[] = { &count, NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(counter, moduledef)
