#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "tiny" };

HPy_MODINIT(tiny, moduledef)
