#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "built with make" };
HPy_MODINIT(speedy, moduledef)
