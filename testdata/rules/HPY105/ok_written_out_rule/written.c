#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "cpython on CPython, as setup.py says" };
HPy_MODINIT(written, moduledef)
