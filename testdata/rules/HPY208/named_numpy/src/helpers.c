#include "hpy.h"
/* The project is NumPy (pyproject.toml names it so): its own API, declared
   in its own headers, is not a dependency. */
#include "numpy/ndarraytypes.h"

HPyDef_METH(ndim, "ndim", HPyFunc_O)
static HPy ndim_impl(HPyContext *ctx, HPy self, HPy arg)
{
    PyArrayObject_fields *fields = PyArray_FIELDS(ctx, arg);
    return HPyLong_FromLong(ctx, PyArray_NDIM(fields));
}

static HPyDef *module_defines[] = { &ndim, NULL };

static HPyModuleDef moduledef = {
    .doc = "helpers",
    .defines = module_defines,
};

HPy_MODINIT(_helpers, moduledef)
