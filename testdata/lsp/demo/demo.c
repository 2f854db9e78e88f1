#include "hpy.h"
#include "compat.h"

/* 😀 𝄞 */ static long answer(void) { return PyLong_AsLong(PyLong_FromLong(42)); }

static HPyModuleDef moduledef = {
    .doc = "Demo",
};

HPy_MODINIT(_demo, moduledef)
