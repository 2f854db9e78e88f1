#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "vendored" };
HPy_MODINIT(vendored, moduledef)
