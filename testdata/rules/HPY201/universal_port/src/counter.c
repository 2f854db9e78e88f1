#include "hpy.h"
#include "compat.h"  // want "HPY202"

static PyMethodDef legacy_counter_methods[] = {  /* HPY203 reports this table as a whole, at .legacy_methods */
    {NULL, NULL, 0, NULL}
};

HPyDef_METH(step, "step", HPyFunc_NOARGS)
static HPy step_impl(HPyContext *ctx, HPy self)
{
    long n = PyCounter_DEFAULT_STEP;
    PyObject *obj = PyLong_FromLong(n);  // want "HPY201" "HPY201"
    Py_DECREF(obj);  // want "HPY201"
    return HPyLong_FromLong(ctx, n);
}

HPyDef_METH(reset, "reset", HPyFunc_NOARGS)
static HPy reset_impl(HPyContext *ctx, HPy self)
{
    Py_RETURN_NONE;  // want "HPY201"
}

#ifdef HPY_ABI_CPYTHON
static PyObject *only_compiled_for_cpython(void) { return PyLong_FromLong(1); }
#endif

static HPyDef *module_defines[] = { &step, &reset, NULL };

static HPyModuleDef moduledef = {
    .doc = "a counter, half ported",
    .defines = module_defines,
    .legacy_methods = legacy_counter_methods,  // want "HPY203"
};

HPy_MODINIT(counter, moduledef)
