#include "hpy.h"

typedef struct {
    long count;
} PyMeterObject;

/* Defines PyMeterObject_AsStruct. */
HPyType_HELPERS(PyMeterObject)

/* Defines the HPyDef PyMeter_reset (and PyMeter_reset_impl's prototype). */
HPyDef_METH(PyMeter_reset, "reset", HPyFunc_NOARGS)
static HPy PyMeter_reset_impl(HPyContext *ctx, HPy self)
{
    PyMeterObject_AsStruct(ctx, self)->count = 0;
    return HPy_Dup(ctx, ctx->h_None);
}

HPyDef_GETSET(PyMeter_count, "count")
static HPy PyMeter_count_get(HPyContext *ctx, HPy self, void *closure)
{
    return PyLong_FromLong(PyMeterObject_AsStruct(ctx, self)->count);  // want "HPY201"
}

static int PyMeter_count_set(HPyContext *ctx, HPy self, HPy value, void *closure)
{
    PyMeterObject_AsStruct(ctx, self)->count = HPyLong_AsLong(ctx, value);
    return 0;
}

static HPyDef *meter_defines[] = { &PyMeter_reset, &PyMeter_count, NULL };

static HPyType_Spec meter_spec = {
    .name = "meter.Meter",
    .basicsize = sizeof(PyMeterObject),
    .builtin_shape = SHAPE(PyMeterObject),
    .defines = meter_defines,
};

static HPyModuleDef moduledef = { .doc = "meters" };

HPy_MODINIT(meter, moduledef)
