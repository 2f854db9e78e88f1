#include "hpy.h"
#include "compat.h"

static PyMethodDef legacy_counter_methods[] = {
    {NULL, NULL, 0, NULL}
};

HPyDef_METH(step, "step", HPyFunc_NOARGS)
static HPy step_impl(HPyContext *ctx, HPy self)
{
    long n = PyCounter_DEFAULT_STEP;
    PyObject *obj = PyLong_FromLong(n);
    Py_DECREF(obj);
    return HPyLong_FromLong(ctx, n);
}

HPyDef_METH(reset, "reset", HPyFunc_NOARGS)
static HPy reset_impl(HPyContext *ctx, HPy self)
{
    Py_RETURN_NONE;
}

#ifdef HPY_ABI_CPYTHON
static PyObject *only_compiled_for_cpython(void) { return PyLong_FromLong(1); }
#endif

static HPyDef *module_defines[] = { &step, &reset, NULL };

static HPyModuleDef moduledef = {
    .doc = "a counter, half ported",
    .defines = module_defines,
    .legacy_methods = legacy_counter_methods,
};

HPy_MODINIT(counter, moduledef)
