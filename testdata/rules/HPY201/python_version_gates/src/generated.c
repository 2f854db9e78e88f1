/* config_gen.h is written by the build: what it includes is not known,
   so neither is whether PYPY_VERSION is defined. */
#include "hpy.h"
#include "config_gen.h"

static HPy report(HPyContext *ctx)
{
#if defined(PYPY_VERSION) && PYPY_VERSION_NUM < 0x07030600
    PyErr_Clear();  // want "HPY201"
#endif
    return HPy_NULL;
}

static HPyDef *module_defines[] = { NULL };
static HPyModuleDef moduledef = { .defines = module_defines };
HPy_MODINIT(generated, moduledef)
