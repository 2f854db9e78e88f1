#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "early" };
HPy_MODINIT(early, moduledef)
