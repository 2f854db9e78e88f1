#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "wrongkw" };
HPy_MODINIT(wrongkw, moduledef)
