#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "typo" };
HPy_MODINIT(typo,
            module_def)  // want "HPY107"
