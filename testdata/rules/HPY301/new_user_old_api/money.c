#include "money.h"

static HPy Decimal;

/* Amounts are decimal.Decimal, looked up once. */
int money_setup(HPyContext *ctx, HPy module)
{
    HPy decimal = HPyImport_ImportModule(ctx, "decimal");  // want "HPY301"
    if (HPy_IsNull(decimal))
        return -1;
    Decimal = HPy_GetAttr_s(ctx, decimal, "Decimal");
    HPy_Close(ctx, decimal);
    return HPy_IsNull(Decimal) ? -1 : 0;
}
