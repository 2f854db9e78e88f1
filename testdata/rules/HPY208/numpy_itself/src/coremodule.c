#include "hpy.h"
#include "numpy/ndarraytypes.h"

HPyDef_METH(asarray, "asarray", HPyFunc_O)
static HPy asarray_impl(HPyContext *ctx, HPy self, HPy arg)
{
    PyArray_Descr *dtype = PyArray_DescrFromTypeNum(NPY_DOUBLE);
    return PyArray_FromAny(ctx, arg, dtype, 0);
}

static HPyDef *module_defines[] = { &asarray, NULL };

static HPyModuleDef moduledef = {
    .doc = "array core",
    .defines = module_defines,
};

HPy_MODINIT(_core, moduledef)
