#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "quiet" };
HPy_MODINIT(quiet, moduledef)
