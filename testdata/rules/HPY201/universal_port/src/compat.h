#ifndef COUNTER_COMPAT_H
#define COUNTER_COMPAT_H

/* Left over from the CPython version of the module. */
#include <Python.h>  /* reported at the include in counter.c, with the chain */

#define PyCounter_DEFAULT_STEP 1

#endif
