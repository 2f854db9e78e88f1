#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "oldstyle" };
HPy_MODINIT(oldstyle, moduledef)
