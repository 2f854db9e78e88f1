#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "found by os.listdir" };
HPy_MODINIT(listed, moduledef)
