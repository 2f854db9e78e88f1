#include "hpy.h"

typedef struct {
    PyObject_HEAD  // want "HPY203"
    long value;
} LegacyObject;

HPyType_LEGACY_HELPERS(LegacyObject)  // want "HPY203"

HPyDef_METH(to_py, "to_py", HPyFunc_O)
static HPy to_py_impl(HPyContext *ctx, HPy self, HPy arg)
{
    void *obj = HPy_AsPyObject(ctx, arg);  // want "HPY203"
    return HPy_FromPyObject(ctx, obj);  // want "HPY203"
}

static HPyDef *legacy_defines[] = { &to_py, NULL };

static HPyType_Spec legacy_spec = {
    .name = "legacytype.Legacy",
    .basicsize = sizeof(LegacyObject),
    .builtin_shape = HPyType_BuiltinShape_Legacy,  // want "HPY203"
    .legacy_slots = NULL,
    .defines = legacy_defines,
};

static HPyModuleDef moduledef = { .doc = "legacy" };
HPy_MODINIT(legacytype, moduledef)
