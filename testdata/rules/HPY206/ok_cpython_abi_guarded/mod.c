#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)

/* Only compiled in cpython mode (where it also conflicts with the PyInit_
   that HPy_MODINIT generates: HPY104). A universal build never sees it. */
#ifdef HPY_ABI_CPYTHON
PyObject *PyInit_mod(void) { return PyModule_Create(NULL); }  // want "HPY104"
#endif
