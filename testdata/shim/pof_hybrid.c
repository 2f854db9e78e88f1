/* A hybrid build: hpy.h would have included Python.h before the shim. */
#include <Python.h>
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(pof)
