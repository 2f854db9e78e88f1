#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "the readable part" };
HPy_MODINIT(bin, moduledef)
