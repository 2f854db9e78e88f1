#include "hpy.h"

HPyDef_SLOT(type_new, HPy_tp_new)  // want "HPY110"
static HPy type_new_impl(HPyContext *ctx, HPy cls, const HPy *args, HPy_ssize_t nargs, HPy kw)
{
    return HPy_NULL;
}
