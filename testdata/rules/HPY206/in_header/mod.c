#include "hpy.h"
#include "entry.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)
