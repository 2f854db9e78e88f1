#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "matrix helpers",
};

HPy_MODINIT(_matrices, moduledef)
