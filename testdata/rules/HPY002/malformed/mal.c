#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "malformed suppressions" };
HPy_MODINIT(mal, moduledef)  /* hpylint: ignore[HPY102 */  // want "HPY002"
/* hpylint: ignroe[HPY102] */  // want "HPY002"
/* hpylint: ignore[HPY999] */  // want "HPY002"
/* hpylint: ignore[] */  // want "HPY002"
