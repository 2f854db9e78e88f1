/* Exercises every fact the C reader extracts, in macro-heavy HPy style. */
#include "hpy.h"
#include <stdio.h>
#define HPY_EMBEDDED_MODULES
#define SQUARE(x) ((x) * (x))

typedef struct {
    double x, y;
} PointObject;

HPyType_HELPERS(PointObject)

HPyDef_SLOT(Point_new, HPy_tp_new)
static HPy Point_new_impl(HPyContext *ctx, HPy cls, const HPy *args,
                          HPy_ssize_t nargs, HPy kw)
{
    double x, y;
    if (!HPyArg_Parse(ctx, NULL, args, nargs, "dd", &x, &y))
        return HPy_NULL;
    return HPy_NULL;
}

HPyDef_METH(norm, "norm", HPyFunc_NOARGS, .doc = "the norm, with a (comma, in) the doc")
static HPy norm_impl(HPyContext *ctx, HPy self)
{
    return HPyFloat_FromDouble(ctx, 0.0);
}

/* HPy_MODINIT(commented_out, nothing) must not count */
static const char *s = "HPyDef_METH(in_a_string, \"x\", HPyFunc_O)";
typedef int Py_myint;
static Py_myint counter(void) { return SQUARE(PyLong_AsLong(NULL)); }

static HPyDef *point_defines[] = { &Point_new, NULL };

static HPyType_Spec point_spec = {
    .name = "mod.Point",
    .basicsize = sizeof(PointObject),
    .defines = point_defines,
};

extern HPyModuleDef moduledef;

HPyModuleDef moduledef = {
    .doc = "doc",
    .size = 0,
    .defines = (HPyDef *[]){ &norm, NULL },
};

static int *
(helper)(int a)
{
    return NULL;
}

HPy_MODINIT(mod, moduledef)

#ifdef HPY_ABI_CPYTHON
static PyObject *only_in_cpython_mode;
#else
static int universal_or_hybrid;
#endif
#if !defined(HPY_ABI_UNIVERSAL)
static int not_universal;
#endif
#if defined(HPY_ABI_CPYTHON)
static int chain_cpython;
#elif defined(HPY_ABI_HYBRID)
static int chain_hybrid;
#elifndef HPY_ABI_UNIVERSAL
static int chain_other;
#else
static int chain_universal;
#endif
