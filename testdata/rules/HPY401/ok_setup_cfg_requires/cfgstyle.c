#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "cfgstyle" };
HPy_MODINIT(cfgstyle, moduledef)
