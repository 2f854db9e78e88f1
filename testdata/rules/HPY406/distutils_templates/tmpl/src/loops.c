#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "loops over generated kernels" };
HPy_MODINIT(_loops, moduledef)
