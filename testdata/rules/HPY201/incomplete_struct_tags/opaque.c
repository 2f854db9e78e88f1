#include "hpy.h"

/* Opaque handles on CPython's structs, never completed here: no CPython
   header and no CPython symbol is needed for them. */
typedef struct PyMethodDef legacy_method;
static struct PyModuleDef *last_seen;

HPyDef_METH(seen, "seen", HPyFunc_NOARGS)
static HPy seen_impl(HPyContext *ctx, HPy self)
{
    return HPyBool_FromLong(ctx, last_seen != NULL && PyErr_Occurred() == NULL);  // want "HPY201"
}

static HPyDef *defines[] = { &seen, NULL };
static HPyModuleDef moduledef = { .defines = defines };

HPy_MODINIT(opaque, moduledef)
