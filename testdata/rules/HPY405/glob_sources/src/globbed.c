#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "globbed" };
HPy_MODINIT(globbed, moduledef)
