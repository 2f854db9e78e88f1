#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "cpy" };
HPy_MODINIT(cpy, moduledef)

PyMODINIT_FUNC PyInit_cpy(void) { return NULL; }  // want "HPY104"
