#include "hpy.h"

static long fast_len(void *seq) { return PySequence_Length(seq); }  // want "HPY201"

static HPyModuleDef moduledef = { .doc = "the HPy half of twin" };
HPy_MODINIT(_hpy_fast, moduledef)
