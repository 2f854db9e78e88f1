#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* The header is found through the extension's include_dirs. */
HPy_MODINIT(_fast, moduledef)
#include <hpy_cpython_entrypoint.h>  // want "HPY106"
HPY_CPYTHON_ENTRYPOINT(_fast)
