#include "hpy.h"

HPY_MOD_EMBEDDABLE(_inspect)

static HPyModuleDef moduledef = { .doc = "embedded in host.runtime" };
HPy_MODINIT(_inspect, moduledef)
