#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "needs_hpy" };
HPy_MODINIT(needs_hpy, moduledef)
