#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "tiles" };
HPy_MODINIT(mosaic, moduledef)
