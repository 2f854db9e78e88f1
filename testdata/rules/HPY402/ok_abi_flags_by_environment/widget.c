#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "widget" };
HPy_MODINIT(widget, moduledef)
