#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "lookups from generated tables" };
HPy_MODINIT(tabled, moduledef)
