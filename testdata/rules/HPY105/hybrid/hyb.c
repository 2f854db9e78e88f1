#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "hybrid: still no PyInit_ from HPy_MODINIT" };

HPy_MODINIT(hyb, moduledef);  // want "HPY105"
