#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "the Makefile passes no --hpy-abi" };
HPy_MODINIT(maked, moduledef)
