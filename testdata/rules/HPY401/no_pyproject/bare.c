#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "bare" };
HPy_MODINIT(bare, moduledef)
