#include "hpy.h"

/* No build config claims this file, so no name can be wrong. */
static HPyModuleDef moduledef = { .doc = "lonely" };
HPy_MODINIT(whatever, moduledef)
