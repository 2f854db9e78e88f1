#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "built with hpy.devel's default ABI" };
HPy_MODINIT(plainport, moduledef)
