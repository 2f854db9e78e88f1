#include <Python.h>

/* Initialises the embedded modules; nothing HPy-specific in here. */
PyMODINIT_FUNC PyInit_runtime(void) { return NULL; }
