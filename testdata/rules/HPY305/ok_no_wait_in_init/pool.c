#include "hpy.h"
#include <pthread.h>

static void *serve(void *arg) { return arg; }

/* Joining in a method is fine: the module is imported by then. */
HPyDef_METH(run_batch, "run_batch", HPyFunc_NOARGS)
static HPy run_batch_impl(HPyContext *ctx, HPy self)
{
    pthread_t t;
    pthread_create(&t, NULL, serve, NULL);
    pthread_join(t, NULL);
    return HPy_Dup(ctx, ctx->h_None);
}

/* Initialisation starts a detached server thread and never waits for it. */
HPyDef_SLOT(pool_exec, HPy_mod_exec)
static int pool_exec_impl(HPyContext *ctx, HPy m)
{
    pthread_t server;
    if (pthread_create(&server, NULL, serve, NULL) != 0)
        return -1;
    return pthread_detach(server);
}

static HPyDef *module_defines[] = { &run_batch, &pool_exec, NULL };
static HPyModuleDef moduledef = { .doc = "pool", .defines = module_defines };
HPy_MODINIT(pool, moduledef)
