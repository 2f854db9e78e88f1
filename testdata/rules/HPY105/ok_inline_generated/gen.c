#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "gen" };
HPy_MODINIT(gen, moduledef)

/* hpylint:generated cpython-entrypoint
   An entrypoint generated inline (no header): it counts as the shim. */
__attribute__((visibility("default"))) void *PyInit_gen(void)
{
    return 0;
}
