#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_classic", NULL, -1, NULL};

PyMODINIT_FUNC PyInit__classic(void) { return PyModule_Create(&def); }
