#include "hpy.h"
#include <numpy/arrayobject.h>

static double first_bin(PyArrayObject *bins)
{
    return *(double *)PyArray_DATA(bins);
}

HPyDef_METH(bins, "bins", HPyFunc_NOARGS)
static HPy bins_impl(HPyContext *ctx, HPy self)
{
    return HPyFloat_FromDouble(ctx, 0.0);
}

static HPyDef *defines[] = { &bins, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(histo, moduledef)
