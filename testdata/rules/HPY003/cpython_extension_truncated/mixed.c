#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "mixed",
};

HPy_MODINIT(mixed, moduledef)
