#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "truncated below"
HPy_MODINIT(broken, moduledef)
static HPy f(HPyContext *ctx, HPy
