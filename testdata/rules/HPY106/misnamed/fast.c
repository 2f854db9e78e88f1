#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* HPy_MODINIT was renamed (HPY102's fix, say) and the shim was not. */
HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(fast)  // want "HPY106"
