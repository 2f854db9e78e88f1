#include "hpy.h"
#include <thread>

namespace solver {
void precompute(int n) {}

int start(void)
{
    std::thread t(precompute, 64);
    t.join();  // want "HPY305"
    return 0;
}
}

HPyDef_SLOT(solver_exec, HPy_mod_exec)
static int solver_exec_impl(HPyContext *ctx, HPy m)
{
    return solver::start();
}

static HPyDef *module_defines[] = { &solver_exec, NULL };
static HPyModuleDef moduledef = { .doc = "solver", .defines = module_defines };

extern "C" {
HPy_MODINIT(solver, moduledef)
}
