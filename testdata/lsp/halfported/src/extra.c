#include "hpy.h"

HPyDef_METH(extra, "extra", HPyFunc_NOARGS)
static HPy extra_impl(HPyContext *ctx, HPy self)
{
    Py_RETURN_NONE;
}
