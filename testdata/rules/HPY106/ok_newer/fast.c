#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* Written by a newer hpylint: never downgraded. */
HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(_fast)
