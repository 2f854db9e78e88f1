#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)

/* hpylint:generated cpython-entrypoint (an inline copy of the shim) */
void *PyInit_mod(void)
{
    return hpyshim_lookup("PyModuleDef_Init");
}
