#include "hpy.h"
#include <pthread.h>

/* A background reader, started by an earlier call into the library, fills
   the first batch; initialisation waits for it with the GIL released. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int have_batch;

static void wait_with_token(HPyContext *ctx)
{
    HPyThreadState token = HPy_LeavePythonExecution(ctx);
    pthread_mutex_lock(&lock);
    while (!have_batch)
        pthread_cond_wait(&ready, &lock);  // want "HPY305"
    pthread_mutex_unlock(&lock);
    HPy_ReenterPythonExecution(ctx, token);
}

static void wait_in_block(HPyContext *ctx)
{
    HPy_BEGIN_LEAVE_PYTHON(ctx)
    pthread_cond_wait(&ready, &lock);  // want "HPY305"
    HPy_END_LEAVE_PYTHON(ctx)
}

static void wait_first_batch(void)
{
    pthread_mutex_lock(&lock);
    pthread_cond_wait(&ready, &lock);  // want "HPY305"
    pthread_mutex_unlock(&lock);
}

HPyDef_SLOT(feed_exec, HPy_mod_exec)
static int feed_exec_impl(HPyContext *ctx, HPy m)
{
    wait_with_token(ctx);
    wait_in_block(ctx);
    HPy_BEGIN_LEAVE_PYTHON(ctx)
    wait_first_batch();
    HPy_END_LEAVE_PYTHON(ctx)
    return 0;
}

static HPyDef *module_defines[] = { &feed_exec, NULL };
static HPyModuleDef moduledef = { .doc = "feed", .defines = module_defines };
HPy_MODINIT(feed, moduledef)
