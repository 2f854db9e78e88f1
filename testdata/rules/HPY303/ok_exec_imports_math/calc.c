#include "hpy.h"
#include <numpy/arrayobject.h>

static HPyGlobal math_module, copy_module;

/* An exec slot runs with the module already in sys.modules: importing
   other modules here is what it is for. */
HPyDef_SLOT(calc_exec, HPy_mod_exec)
static int calc_exec_impl(HPyContext *ctx, HPy m)
{
    import_array1(-1);  /* NumPy's C API: counted by HPY209 */
    HPy math = HPyImport_ImportModule(ctx, "math");
    if (HPy_IsNull(math))
        return -1;
    HPyGlobal_Store(ctx, &math_module, math);
    HPy importlib = HPyImport_ImportModule(ctx, "importlib");
    HPy import_module = HPy_GetAttr_s(ctx, importlib, "import_module");
    HPy name = HPyUnicode_FromString(ctx, "copy");
    HPy copy = HPy_Call(ctx, import_module, &name, 1, HPy_NULL);
    HPyGlobal_Store(ctx, &copy_module, copy);
    return 0;
}

static HPyDef *module_defines[] = { &calc_exec, NULL };
static HPyModuleDef moduledef = { .doc = "calc", .defines = module_defines };
HPy_MODINIT(_calc, moduledef)
