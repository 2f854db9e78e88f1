#include "compat.h"  // want "HPY202"

static HPyModuleDef moduledef = { .doc = "no -DHPY in this build" };
HPy_MODINIT(plain, moduledef)  // want "HPY105"
