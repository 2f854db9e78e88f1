#include "hpy.h"

extern HPyDef answer;
static HPyDef *module_defines[] = { &answer, NULL };

static HPyModuleDef moduledef = {
    .doc = "two translation units",
    .defines = module_defines,
};

HPy_MODINIT(twofiles, moduledef)
