#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "planner.alpha" };
HPy_MODINIT(alpha, moduledef)
