#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "hyb" };
HPy_MODINIT(hyb, moduledef)

static PyModuleDef cpy_def = { PyModuleDef_HEAD_INIT, "hyb", NULL, 0, NULL };

PyMODINIT_FUNC PyInit_hyb(void) { return PyModuleDef_Init(&cpy_def); }  // want "HPY104" "HPY206"
