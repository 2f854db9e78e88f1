/* Two levels deep: py_defines.h includes version.h, which includes Python.h. */
#include "version.h"
