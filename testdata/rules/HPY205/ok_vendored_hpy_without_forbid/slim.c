#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "built with make against a vendored HPy" };
HPy_MODINIT(slim, moduledef)
