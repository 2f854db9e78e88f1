#include "hpy.h"
/* A third-party library, installed on the system, not part of this tree. */
#include <gadgetlib/gadget.h>

/* Spelled like CPython's API, declared by no CPython header: the gadget
   library's own functions and types, and the struct accessor a helper macro
   of this project generates in a header hpylint does not read. None of
   them ties the binary to CPython. */
HPyDef_METH(make, "make", HPyFunc_O)
static HPy make_impl(HPyContext *ctx, HPy self, HPy arg)
{
    PyGadgetState *state = PyGadget_AsStruct(ctx, self);
    PyMyThing *thing = PyMyThing_New(state->size);
    PyMyThing_Free(thing);
    return HPyLong_FromLong(ctx, PyGADGET_VERSION);
}

/* A real CPython name is still reported. */
HPyDef_METH(size, "size", HPyFunc_O)
static HPy size_impl(HPyContext *ctx, HPy self, HPy arg)
{
    long n = PyLong_AsLong(NULL);  // want "HPY201"
    return HPyLong_FromLong(ctx, n);
}

static HPyDef *module_defines[] = { &make, &size, NULL };

static HPyModuleDef moduledef = {
    .doc = "gadgets",
    .defines = module_defines,
};

HPy_MODINIT(gadgets, moduledef)
