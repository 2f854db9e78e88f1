#include <hpy.h>

static HPyModuleDef moduledef = {
    .doc = "the file is speedups.c, the extension is pkg._speedups",
};

HPy_MODINIT(speedups, moduledef)  // want "HPY102"
