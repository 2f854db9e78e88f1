#include "hpy.h"

static HPyModuleDef other_def = { .doc = "second" };
HPy_MODINIT(dup, other_def)  /* want "HPY103" */
