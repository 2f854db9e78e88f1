#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)

/* Types and constant macros need no CPython symbol: HPY104 still reports the
   second entrypoint, HPY206 has nothing to add. */
PyMODINIT_FUNC PyInit_mod(void)  // want "HPY104"
{
    static PyObject *cached = NULL;
    (void)METH_VARARGS;
    (void)PY_SSIZE_T_MAX;
    return cached;
}
