#include "hpy.h"

/* No HPY_MOD_EMBEDDABLE: this module is not written to be embedded. */
static HPyModuleDef moduledef = { .doc = "solo" };
HPy_MODINIT(_solo, moduledef)
