#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "a codec split over several files" };
HPy_MODINIT(codec, moduledef)
