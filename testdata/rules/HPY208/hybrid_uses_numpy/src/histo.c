#include "hpy.h"
#include "histo.h"

/* Built hybrid: NumPy's C API and CPython objects are allowed, and
   nothing is reported. */
static long count_bins(PyArrayObject *arr)
{
    npy_intp n = PyArray_SIZE(arr);
    if (PyArray_TYPE(arr) != NPY_DOUBLE)
        return -1;
    return (long)(n + PyArray_SIZE(arr));
}

static PyObject *fresh_bins(npy_intp n)
{
    return PyArray_SimpleNew(1, &n, NPY_DOUBLE);
}

HPyDef_SLOT(histo_exec, HPy_mod_exec)
static int histo_exec_impl(HPyContext *ctx, HPy module)
{
    import_array1(-1);
    return 0;
}

static HPyDef *module_defines[] = { &histo_exec, NULL };

static HPyModuleDef moduledef = {
    .doc = "histograms",
    .defines = module_defines,
};

HPy_MODINIT(histo, moduledef)
