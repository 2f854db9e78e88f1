#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "own" };
HPy_MODINIT(own, moduledef)  // want "HPY105"
