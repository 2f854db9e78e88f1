#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "handwritten" };

HPy_MODINIT(handwritten, moduledef)

/* The usual way to import a universal binary without the .py stub, and
   why it cannot stay: it links against libpython (HPY206). */
PyMODINIT_FUNC
PyInit_handwritten(void)
{
    PyObject *universal = PyImport_ImportModule("hpy.universal");
    if (universal == NULL)
        return NULL;
    return PyObject_CallMethod(universal, "load", "ss", "handwritten", "handwritten.hpy0.so");
}
