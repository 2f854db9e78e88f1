#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "universal, as hpylint.toml says" };
HPy_MODINIT(stated, moduledef)  // want "HPY105"
