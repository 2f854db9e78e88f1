#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "present" };
HPy_MODINIT(present, moduledef)
