#include <ujson/py_defines.h>  // want "HPY202"  (once, with structmember.h as a related location)
#include "hpy.h"

#ifndef HPY_ABI_UNIVERSAL
#include <datetime.h>
#endif

static HPyModuleDef moduledef = { .doc = "json" };
HPy_MODINIT(ujson, moduledef)
