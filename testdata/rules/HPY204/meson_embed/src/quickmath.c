#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "built with meson" };
HPy_MODINIT(quickmath, moduledef)
