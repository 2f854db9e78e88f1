#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "guarded" };
HPy_MODINIT(guarded, moduledef)  // want "HPY105"

/* Compiled only in cpython mode, so a universal build still has no CPython
   entrypoint. */
#ifdef HPY_ABI_CPYTHON
void *PyInit_guarded(void) { return 0; }  // want "HPY104"
#endif
