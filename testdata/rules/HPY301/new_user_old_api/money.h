#ifndef LEDGER_MONEY_H
#define LEDGER_MONEY_H
#include "hpy.h"

int money_setup(HPyContext *ctx, HPy module);

#endif
