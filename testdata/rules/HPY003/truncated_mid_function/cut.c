#include "hpy.h"

static HPyModuleDef moduledef = {
    .doc = "cut short",
};

HPy_MODINIT(cut, moduledef)

static long twice(long x)
{
    if (x > 0) {
        return 2 * x;   /* want "HPY003" */

