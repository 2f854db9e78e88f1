#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "pof" };
HPy_MODINIT(pof, moduledef)
