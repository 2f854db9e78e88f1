#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* The header beside this file has a line of code appended after blank
   lines: blank lines at the end are ignored, that line is not. */
HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"  // want "HPY106"
HPY_CPYTHON_ENTRYPOINT(_fast)
