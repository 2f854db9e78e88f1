#include <pthread.h>

/* The worker calls back into Python code that imports `cache`. */
static void *fill(void *arg)
{
    return arg;
}

int warm_up(void)
{
    pthread_t worker;
    if (pthread_create(&worker, NULL, fill, NULL) != 0)
        return -1;
    return pthread_join(worker, NULL);  // want "HPY305"
}
