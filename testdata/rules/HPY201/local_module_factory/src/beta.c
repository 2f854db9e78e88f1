#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "planner.beta" };
HPy_MODINIT(beta, moduledef)
