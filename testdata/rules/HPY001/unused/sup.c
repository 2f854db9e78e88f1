#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "suppressions" };

/* hpylint: ignore[HPY102] -- the build renames the module, see setup.py */
HPy_MODINIT(suppressed, moduledef)

HPy_MODINIT(sup, moduledef)  // hpylint: ignore[HPY103, HPY107]  want "HPY001"
