#include "hpy.h"
#include "compat.h"

/* For an extension whose ABI depends on the interpreter, these places are
   related locations of the one HPY209 on its declaration, not findings. */
HPyDef_METH(turn, "turn", HPyFunc_NOARGS)
static HPy turn_impl(HPyContext *ctx, HPy self)
{
    PyObject *n = PyLong_FromLong(3);
    Py_DECREF(n);
    return HPy_Dup(ctx, ctx->h_None);
}

static PyMethodDef dial_legacy[] = {
    {"spin", NULL, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static HPyDef *dial_defines[] = { &turn, NULL };
static HPyModuleDef moduledef = {
    .defines = dial_defines,
    .legacy_methods = dial_legacy,
};
HPy_MODINIT(_dial, moduledef)
