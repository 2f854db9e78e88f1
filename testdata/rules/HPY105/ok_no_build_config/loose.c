#include "hpy.h"

/* No build config says how this is built: hpylint only assumes universal,
   which says nothing about what CPython loads. */
static HPyModuleDef moduledef = { .doc = "loose" };
HPy_MODINIT(loose, moduledef)
