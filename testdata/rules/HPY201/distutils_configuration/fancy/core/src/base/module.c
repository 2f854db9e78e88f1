#include "hpy.h"
#include "shared.h"
#include "fancy/api.h"

static HPyModuleDef moduledef = { .doc = "the core of fancy" };
HPy_MODINIT(_fancy_core, moduledef)
