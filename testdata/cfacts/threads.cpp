// Call-graph facts: thread starts, joins and waits, in C++.
#include "hpy.h"
#include <thread>

namespace pool {
void work(int n) {}
int helper() { return 0; }
}

static PyObject *create(PyObject *spec, PyModuleDef *def) { return nullptr; }

static int start_workers(HPyContext *ctx)
{
    std::thread t(pool::work, 1);
    std::jthread j{pool::work, 2};
    auto t2 = std::thread(pool::work, 3);
    HPy imp;
    imp = HPy_GetAttr_s(ctx, ctx->h_Builtins, "__import__");
    t.join();
    Py_BEGIN_ALLOW_THREADS
    t2.join();
    Py_END_ALLOW_THREADS
    PyDateTime_IMPORT;
    return pool::helper();
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_create, reinterpret_cast<void *>(create)},
    {.slot = Py_mod_exec, .value = (void *)start_workers},
    {0, nullptr},
};

#if defined(HPY_ABI_CPYTHON)
static int chain_cpython;
#elif defined(HPY_ABI_HYBRID)
static int chain_hybrid;
#elifdef HPY_ABI_UNIVERSAL
static int chain_universal;
#endif
