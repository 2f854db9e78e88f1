#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "gen" };
HPy_MODINIT(gen, moduledef)

/* hpylint:generated cpython-entrypoint name=gen version=1 */
__attribute__((visibility("default"))) void *PyInit_gen(void)
{
    return 0;
}
