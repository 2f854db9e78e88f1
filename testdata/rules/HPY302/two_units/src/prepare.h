#ifndef PKG_PREPARE_H
#define PKG_PREPARE_H
#include "hpy.h"

int prepare_module(HPyContext *ctx, HPy spec);

#endif
