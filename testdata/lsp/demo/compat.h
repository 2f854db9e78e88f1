/* Left over from the CPython version. */
#include <Python.h>
