/* The smallest user of the shim: no HPy headers are needed, since the shim
   reaches Python (and hpy.universal) only at run time. */
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(pof)
