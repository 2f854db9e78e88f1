/* A hand-written CPython entrypoint: multi-phase, the loading happens in
   the create slot, which receives the spec. */
#include <Python.h>

static PyObject *load_config(void)
{
    return PyImport_ImportModule("pof_config");  // want "HPY302"
}

static PyObject *shim_create(PyObject *spec, PyModuleDef *def)
{
    /* hpy.universal is the loader itself: importing it here is the design. */
    PyObject *universal = PyImport_ImportModule("hpy.universal");
    PyObject *config = load_config();
    PyObject *name, *mod;
    if (universal == NULL || config == NULL)
        return NULL;
    name = PyObject_GetAttrString(spec, "name");
    mod = PyObject_CallMethod(universal, "load", "OOO", name, config, spec);
    Py_DECREF(universal);
    return mod;
}

static int shim_exec(PyObject *m)
{
    /* The module is in sys.modules by now: imports are fine. */
    PyObject *os = PyImport_ImportModule("os");
    Py_XDECREF(os);
    return os ? 0 : -1;
}

static PyModuleDef_Slot shim_slots[] = {
    {Py_mod_create, (void *)shim_create},
    {Py_mod_exec, shim_exec},
    {0, NULL},
};

static PyModuleDef shim_def = { PyModuleDef_HEAD_INIT, "pof", NULL, 0, NULL, shim_slots };

PyMODINIT_FUNC PyInit_pof(void)  // want "HPY104" "HPY206"
{
    return PyModuleDef_Init(&shim_def);
}
