/* Exercises the shim's dlopen(NULL) path, taken where <dlfcn.h> does not
   define RTLD_DEFAULT (older glibc without _GNU_SOURCE, some BSDs). */
#include <dlfcn.h>
#undef RTLD_DEFAULT
#include "hpy_cpython_entrypoint.h"
HPY_CPYTHON_ENTRYPOINT(pof)
