#include "hpy.h"
#include "histo.h"

/* Reported once per name and file, at the first use; NPY_* constants and
   npy_* types are plain C and never reported. */
static long count_bins(PyArrayObject *arr)  // want "HPY208"
{
    npy_intp n = PyArray_SIZE(arr);  // want "HPY208"
    if (PyArray_TYPE(arr) != NPY_DOUBLE)  // want "HPY208"
        return -1;
    return (long)(n + PyArray_SIZE(arr));
}

static PyObject *fresh_bins(npy_intp n)  // want "HPY201"
{
    return PyArray_SimpleNew(1, &n, NPY_DOUBLE);  // want "HPY208"
}

HPyDef_SLOT(histo_exec, HPy_mod_exec)
static int histo_exec_impl(HPyContext *ctx, HPy module)
{
    import_array1(-1);  // want "HPY208"
    return 0;
}

static HPyDef *module_defines[] = { &histo_exec, NULL };

static HPyModuleDef moduledef = {
    .doc = "histograms",
    .defines = module_defines,
};

HPy_MODINIT(histo, moduledef)
