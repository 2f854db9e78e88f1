#ifndef HPY
#include <Python.h>
#endif
#include "hpy.h"
