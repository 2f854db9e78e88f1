#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "first" };
HPy_MODINIT(dup, moduledef)
