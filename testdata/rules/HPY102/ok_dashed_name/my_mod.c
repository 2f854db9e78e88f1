#include "hpy.h"

/* The loader replaces '-' with '_' in the module name. */
static HPyModuleDef moduledef = { .doc = "dashed" };
HPy_MODINIT(my_mod, moduledef)
