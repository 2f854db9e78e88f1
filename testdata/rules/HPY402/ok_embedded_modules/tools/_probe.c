#include "hpy.h"

HPY_MOD_EMBEDDABLE(_probe)

static HPyModuleDef moduledef = { .doc = "embedded in host.extras" };
HPy_MODINIT(_probe, moduledef)
