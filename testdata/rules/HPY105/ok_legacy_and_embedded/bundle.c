#include "hpy.h"

/* Several modules in one library, loaded by name: no single PyInit_ fits. */
HPY_MOD_EMBEDDABLE(bundle)

static HPyModuleDef first_def = { .doc = "first" };
HPy_MODINIT(bundle, first_def)
