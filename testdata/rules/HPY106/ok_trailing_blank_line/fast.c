#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "fast" };

/* The header beside this file ends in a blank line, as Neovim writes the
   file a code action created: the same C, not an edit. */
HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(_fast)
