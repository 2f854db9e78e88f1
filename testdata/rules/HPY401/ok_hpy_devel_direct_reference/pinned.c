#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "pinned" };
HPy_MODINIT(pinned, moduledef)
