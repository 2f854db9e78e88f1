#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "cpy" };
HPy_MODINIT(cpy, moduledef)
