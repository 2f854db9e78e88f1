#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "shapes" };
HPy_MODINIT(shapes, moduledef)
