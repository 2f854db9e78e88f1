#include "hpy.h"

/* The body is in flatten.c, which no rule parses. */
extern int PyGauge_Flatten(const char *data, double **xy);

/* Names the project gives its own globals, types and tags. */
static HPyGlobal PyGaugeType;
static const char PyGauge__doc__[] = "a gauge";
struct PyGaugeState {
    long reads;
};
enum PyGaugeUnit { PyGauge_Unit_Metric = 1, PyGauge_Unit_Imperial };

typedef struct {
    long level;
} GaugeObject;

HPyType_HELPERS(GaugeObject)

/* Left from the CPython version: the type is CPython's, the name is ours. */
static PyTypeObject PyGauge_Type = { 0 };  // want "HPY201"

HPyDef_METH(read, "read", HPyFunc_O)
static HPy read_impl(HPyContext *ctx, HPy self, HPy arg)
{
    static struct PyGaugeState state;
    double *xy = NULL;
    int n = PyGauge_Flatten(HPyBytes_AsString(ctx, arg), &xy);
    state.reads += n + PyGauge_Unit_Imperial;
    if (n < 0)
        return HPy_Dup(ctx, HPyGlobal_Load(ctx, PyGaugeType));
    if (&PyGauge_Type == NULL)
        return HPy_NULL;
    return PyLong_FromLong(GaugeObject_AsStruct(ctx, self)->level);  // want "HPY201"
}

static HPyDef *gauge_defines[] = { &read, NULL };

static HPyType_Spec gauge_spec = {
    .name = "gauge.Gauge",
    .doc = PyGauge__doc__,
    .basicsize = sizeof(GaugeObject),
    .defines = gauge_defines,
};

static HPyGlobal *module_globals[] = { &PyGaugeType, NULL };

static HPyModuleDef moduledef = {
    .doc = "gauges",
    .globals = module_globals,
};

HPy_MODINIT(gauge, moduledef)
