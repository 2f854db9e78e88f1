#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "links libpython by mistake" };
HPy_MODINIT(linky, moduledef)
