#include "compat.h"

static HPyModuleDef moduledef = { .doc = "compat.h takes its HPy branch here" };
HPy_MODINIT(guarded, moduledef)
