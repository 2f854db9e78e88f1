#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* The header beside this file has CRLF line endings and no final newline
   (a formatter stripped it): the same C, not an edit. */
HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(_fast)
