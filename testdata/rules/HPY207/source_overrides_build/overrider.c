/* Someone forced the ABI here while debugging. */
#define HPY_ABI_CPYTHON  // want "HPY207"
#define HPY_ABI_HYBRID  // want "HPY207"
#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fights its build" };
HPy_MODINIT(overrider, moduledef)
