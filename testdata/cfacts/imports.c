/* Call-graph facts: init roots, import and wait sites, in C. */
#include "hpy.h"
#include <pthread.h>

static void *worker(void *arg) { return arg; }

static int start_and_wait(void)
{
    pthread_t t;
    int rc;
    pthread_create(&t, NULL, worker, NULL);
    Py_BEGIN_ALLOW_THREADS
    rc = pthread_join(t, NULL);
    Py_END_ALLOW_THREADS
    return rc;
}

static int wait_cond(pthread_cond_t *c, pthread_mutex_t *m)
{
    Py_BEGIN_ALLOW_THREADS
    pthread_join(t, NULL);
    Py_END_ALLOW_THREADS
    Py_BEGIN_ALLOW_THREADS
    pthread_cond_wait(&c, &m);
    Py_END_ALLOW_THREADS
    return 0;
}

static int wait_leaving_python(HPyContext *ctx, pthread_cond_t *c, pthread_mutex_t *m)
{
    HPy_BEGIN_LEAVE_PYTHON(ctx)
    pthread_cond_wait(c, m);
    HPy_END_LEAVE_PYTHON(ctx)
    HPy_BEGIN_LEAVE_PYTHON(ctx)
    pthread_cond_wait(&c, &m);
    HPy_END_LEAVE_PYTHON(ctx)
    return 0;
}

HPyDef_SLOT(mod_exec, HPy_mod_exec)
static int mod_exec_impl(HPyContext *ctx, HPy m)
{
    HPy builtins = HPyImport_ImportModule(ctx, "builtins");
    HPy imp = HPy_GetAttr_s(ctx, builtins, "__import__");
    HPy name;
    name = HPyUnicode_FromString(ctx, "pkg.sub");
    PyObject *il = (PyObject *)PyImport_ImportModule("importlib");
    PyDateTime_IMPORT;
    return start_and_wait();
}

static PyObject *create(PyObject *spec, PyModuleDef *def) { return NULL; }
static int exec2(PyObject *m) { return 0; }

static PyModuleDef_Slot shim_slots[] = {
    {Py_mod_create, (void *)create},
    {.slot = Py_mod_exec, .value = exec2},
    {0, NULL},
};
