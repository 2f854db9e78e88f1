// C++ port style, as in kiwisolver.
#include "hpy.h"
#define KIWI_VERSION 1
#define KIWI_SQUARE(x) ((x) * (x))

namespace kiwi {
int version() { return KIWI_SQUARE(Py_MAJOR); }
typedef struct PyWrap { int v; } PyWrap;
static PyWrap wrap;
}

HPyDef_SLOT(kiwi_exec, HPy_mod_exec)
static int kiwi_exec_impl(HPyContext *ctx, HPy m)
{
    return 0;
}

static HPyDef *module_defines[] = { &kiwi_exec, NULL };

static HPyModuleDef moduledef = {
    .doc = "kiwi",
    .defines = module_defines,
};

extern "C" {
HPy_MODINIT(kiwisolver, moduledef)
}

#ifndef HPY_ABI_CPYTHON
static int not_cpython = 1;
#endif
#if defined(HPY_ABI_HYBRID)
static int hybrid = 1;
#endif
