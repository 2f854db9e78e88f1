#define HPY_EMBEDDED_MODULES
#include "hpy.h"

HPY_MOD_EMBEDDABLE(first)

static HPyModuleDef first_def = { .doc = "first embedded module" };
static HPyModuleDef second_def = { .doc = "second embedded module" };

HPy_MODINIT(first, first_def)
HPy_MODINIT(second, second_def)
