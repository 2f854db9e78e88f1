#include "hpy.h"

/* What `hpylint --fix` leaves behind: the header beside the source (a copy
   of the current generator output, kept in sync by TestShimHeaderCopies)
   and the two lines after HPy_MODINIT. The header itself must not draw a
   finding from any rule. */
static HPyModuleDef moduledef = { .doc = "fast" };

HPy_MODINIT(_fast, moduledef)
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(_fast)
