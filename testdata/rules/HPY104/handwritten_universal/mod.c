#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)

/* A leftover from before the port. */
PyMODINIT_FUNC
PyInit_mod(void)  // want "HPY104"
{
    return NULL;
}

PyObject *PyInit_oldname(void) { return NULL; }  // want "HPY104"
