/* Shared by the HPy and the CPython build of the project. */
#ifndef HPY
#include <Python.h>
#include "cpython_helpers.h"
#else
#include "hpy.h"
#endif
